package dev.vectorflow.ports.service.preview;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.preview.PreviewComparison.PreviewDiff;
import dev.vectorflow.ports.in.preview.PreviewQueries.State;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The previews this server was asked for, in memory: the newest {@value #KEPT} are kept, so a preview is forgotten after
 * a restart of the server or once enough newer ones came (it is a question of the moment, not a record; the request is
 * in the audit log). Thread-safe.
 */
public final class PreviewBook {

    static final int KEPT = 200;

    /** What a preview ran and, once answered, what came of it. */
    record Entry(String id, PipelineId pipelineId, EnvironmentId environmentId, String pipelineName, NodeId nodeId, String nodeName,
                 int againstVersion, boolean againstDeployed, PipelineGraph draftGraph, String draftYaml, List<Object> events,
                 List<String> sinkIds, Instant requestedAt, String requestedBy, Instant deadline, State state, String reason,
                 Optional<PreviewDiff> diff, String baselineLog, String draftLog) {

        Entry settled(State newState, String newReason, Optional<PreviewDiff> newDiff, String newBaselineLog, String newDraftLog) {
            return new Entry(id, pipelineId, environmentId, pipelineName, nodeId, nodeName, againstVersion, againstDeployed, draftGraph,
                    draftYaml, events, sinkIds, requestedAt, requestedBy, deadline, newState, newReason, newDiff, newBaselineLog, newDraftLog);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, PreviewBook.Entry> eldest) {
            return size() > KEPT;
        }
    };

    public PreviewBook() {
        // empty: the composition root makes one per server and hands it to both preview services
    }

    synchronized void put(Entry entry) {
        entries.put(entry.id(), entry);
    }

    /** The entry as it stands at {@code now}: a pending one past its deadline has failed. */
    synchronized Optional<Entry> get(String id, Instant now) {
        Entry entry = entries.get(id);
        if (entry != null && entry.state() == State.PENDING && now.isAfter(entry.deadline())) {
            entry = entry.settled(State.FAILED, "the node did not answer within the time limit (is its agent running and up to date?)",
                    Optional.empty(), "", "");
            entries.put(id, entry);
        }
        return Optional.ofNullable(entry);
    }
}
