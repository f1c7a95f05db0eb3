package dev.vectorflow.ports.out.preview;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.preview.PreviewComparison.PreviewDiff;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored preview: what it runs (the draft's graph and YAML, the version it is compared with, the sample events, the
 * sinks compared), on which node, until when the node may answer, and, once answered, what came of it.
 */
public record StoredPreview(String id, PipelineId pipelineId, EnvironmentId environmentId, String pipelineName, NodeId nodeId, String nodeName,
                            int againstVersion, boolean againstDeployed, PipelineGraph draftGraph, String draftYaml, List<Object> events,
                            List<String> sinkIds, Instant requestedAt, String requestedBy, Instant deadline, State state, String reason,
                            Optional<PreviewDiff> diff, String baselineLog, String draftLog) {

    /** Why a preview whose node did not answer in time failed. */
    public static final String TIME_LIMIT_REASON = "the node did not answer within the time limit (is its agent running and up to date?)";

    /** The states of a stored preview. */
    public enum State { PENDING, DONE, FAILED }

    public StoredPreview {
        events = List.copyOf(events);
        sinkIds = List.copyOf(sinkIds);
    }

    /** The preview with what came of it. */
    public StoredPreview settled(State newState, String newReason, Optional<PreviewDiff> newDiff, String newBaselineLog, String newDraftLog) {
        return new StoredPreview(id, pipelineId, environmentId, pipelineName, nodeId, nodeName, againstVersion, againstDeployed, draftGraph,
                draftYaml, events, sinkIds, requestedAt, requestedBy, deadline, newState, newReason, newDiff, newBaselineLog, newDraftLog);
    }

    /** The preview as it stands at {@code now}: a pending one past its deadline has failed. */
    public StoredPreview asOf(Instant now) {
        return state == State.PENDING && now.isAfter(deadline) ? settled(State.FAILED, TIME_LIMIT_REASON, Optional.empty(), "", "") : this;
    }
}
