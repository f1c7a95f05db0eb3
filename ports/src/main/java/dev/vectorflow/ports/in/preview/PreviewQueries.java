package dev.vectorflow.ports.in.preview;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.preview.PreviewComparison.PreviewDiff;
import java.time.Instant;
import java.util.Optional;

/** Reads of previews: how one is doing, and its comparison once the node answered. */
public interface PreviewQueries {

    /** @throws NotFoundFailure when the pipeline has no preview of that id (or it was forgotten) */
    PreviewView preview(PipelineId pipeline, String previewId) throws NotFoundFailure;

    /** The states of a preview. */
    enum State { PENDING, DONE, FAILED }

    /**
     * A preview: what ran where, against which version ({@code againstDeployed} when it was the deployed one), how many
     * sample events, its state, why it failed, the comparison when done, and the tail of each run's Vector output.
     */
    record PreviewView(String id, PipelineId pipelineId, NodeId nodeId, String nodeName, int againstVersion, boolean againstDeployed,
                       int sampleEvents, Instant requestedAt, String requestedBy, State state, String reason, Optional<PreviewDiff> diff,
                       String baselineLog, String draftLog) {
    }
}
