package dev.vectorflow.ports.out.rollout;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import java.util.List;
import java.util.Optional;

/** Driven port: staged rollouts, their node-to-wave assignment and their decision logs. */
public interface RolloutRepository {

    /** Stores a new rollout with its assignment. */
    void insert(Rollout rollout);

    /** Stores the state, current wave, wave start and soak end of a rollout (the rest never changes). */
    void update(Rollout rollout);

    void addDecision(RolloutId rollout, Decision decision);

    Optional<Rollout> find(RolloutId id);

    /** The pipeline's rollout that is ROLLING, SOAKING or PAUSED, if any (there is at most one). */
    Optional<Rollout> findActive(PipelineId pipeline);

    /** Every ROLLING or SOAKING rollout (what the job advances). */
    List<Rollout> moving();

    /** The active rollouts of an environment. */
    List<Rollout> activeIn(EnvironmentId environment);

    /** A pipeline's rollouts, latest first, at most {@code limit}. */
    List<Rollout> ofPipeline(PipelineId pipeline, int limit);

    /** A rollout's decisions, oldest first, the latest {@code limit} of them. */
    List<Decision> decisions(RolloutId rollout, int limit);
}
