package dev.vectorflow.ports.service.preview;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.preview.PreviewComparison;
import dev.vectorflow.core.preview.PreviewComparison.PreviewDiff;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.preview.RunPreviewUseCase;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.preview.PreviewRepository;
import dev.vectorflow.ports.out.preview.StoredPreview;
import dev.vectorflow.ports.out.preview.StoredPreview.State;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's side of a preview: hands the node that was asked the two configs (secrets and certificates resolved as
 * for a deploy) and the sample events, and turns what the two runs wrote into the per-sink comparison.
 */
public final class RunPreviewService implements RunPreviewUseCase {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final DesiredStates desiredStates;
    private final PreviewRepository previews;
    private final Clock clock;

    public RunPreviewService(Transactions transactions, PipelineRepository pipelines, DesiredStates desiredStates, PreviewRepository previews, Clock clock) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.desiredStates = desiredStates;
        this.previews = previews;
        this.clock = clock;
    }

    @Override
    public PreviewWork previewWork(AgentIdentity agent, String requestId) throws NotFoundFailure {
        StoredPreview e = pending(agent, requestId);
        PipelineVersion against = transactions.inTransaction(() -> pipelines.version(e.pipelineId(), e.againstVersion()))
                .orElseThrow(() -> new NotFoundFailure("Pipeline version", e.pipelineId() + " v" + e.againstVersion()));
        DeliveredConfig baseline = desiredStates.deliverable(e.environmentId(), e.pipelineId(), e.pipelineName(), against.number(),
                against.graph(), against.configYaml());
        DeliveredConfig draft = desiredStates.deliverable(e.environmentId(), e.pipelineId(), e.pipelineName(), 0, e.draftGraph(), e.draftYaml());
        return new PreviewWork(requestId, e.events(), baseline, draft);
    }

    @Override
    public void receivePreviewOutputs(AgentIdentity agent, PreviewOutputs outputs) throws NotFoundFailure {
        StoredPreview e = pending(agent, outputs.requestId());
        List<String> failures = new ArrayList<>();
        failure("the deployed version's run", outputs.baseline()).ifPresent(failures::add);
        failure("the draft's run", outputs.draft()).ifPresent(failures::add);
        String baselineLog = outputs.baseline() == null ? "" : outputs.baseline().log();
        String draftLog = outputs.draft() == null ? "" : outputs.draft().log();
        if (!failures.isEmpty()) {
            settle(e.settled(State.FAILED, String.join("; ", failures), Optional.empty(), baselineLog, draftLog));
            return;
        }
        PreviewDiff diff = PreviewComparison.compare(e.sinkIds(), e.events().size(), outputs.baseline().sinks(), outputs.draft().sinks());
        List<String> cut = new ArrayList<>(outputs.baseline().cutSinks());
        outputs.draft().cutSinks().stream().filter(s -> !cut.contains(s)).forEach(cut::add);
        String note = cut.isEmpty() ? ""
                : "the output of " + String.join(", ", cut) + " was cut at the agent's cap; only the first events were compared";
        settle(e.settled(State.DONE, note, Optional.of(diff), baselineLog, draftLog));
    }

    /** Stores the outcome; a second answer for the same preview (settled meanwhile by another server) finds nothing waiting. */
    private void settle(StoredPreview settled) throws NotFoundFailure {
        if (!transactions.inTransaction(() -> previews.settle(settled))) {
            throw new NotFoundFailure("Preview waiting for this node", settled.id());
        }
    }

    private static Optional<String> failure(String which, RunOutput run) {
        if (run == null) {
            return Optional.of(which + " sent nothing");
        }
        return run.error() == null || run.error().isBlank() ? Optional.empty() : Optional.of(which + " failed: " + run.error());
    }

    private StoredPreview pending(AgentIdentity agent, String requestId) throws NotFoundFailure {
        return transactions.inTransaction(() -> previews.find(requestId)).map(e -> e.asOf(clock.instant()))
                .filter(e -> e.nodeId().equals(agent.nodeId()) && e.state() == State.PENDING)
                .orElseThrow(() -> new NotFoundFailure("Preview waiting for this node", requestId));
    }
}
