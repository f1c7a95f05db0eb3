package dev.vectorflow.ports.in.rollout;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import java.util.List;
import java.util.Optional;

/** Inbound port: the rollouts of a pipeline, and one rollout in detail. */
public interface RolloutQueries {

    int MAX_LISTED = 50;
    int MAX_DECISIONS = 500;

    /** A node of a wave as the server sees it now. */
    record NodeInWave(String nodeId, String hostname, boolean admitted, Optional<Integer> reportedVersion, Optional<PipelineRunStatus> status,
                      boolean runsTarget) {
    }

    /** A wave with its nodes. */
    record WaveDetail(int index, String size, int soakSeconds, List<NodeInWave> nodes) {
    }

    record RolloutDetail(Rollout rollout, String pipelineName, List<WaveDetail> waves, List<Decision> decisions) {
    }

    /** Latest first, at most {@link #MAX_LISTED}. */
    List<Rollout> rollouts(PipelineId pipeline) throws NotFoundFailure;

    RolloutDetail rollout(RolloutId id) throws NotFoundFailure;

    /** The pipeline of a rollout (to find the team that owns it). */
    Optional<PipelineId> pipelineOf(RolloutId id);
}
