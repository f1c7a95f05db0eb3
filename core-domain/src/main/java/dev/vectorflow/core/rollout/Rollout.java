package dev.vectorflow.core.rollout;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A staged rollout of a pipeline version: the target (also the pipeline's deployment while it runs), the previous
 * deployment that nodes outside the admitted waves keep (none for a first deploy: they get nothing), the plan, each
 * node's wave, the current wave with when it was admitted and when its soak ends, and the health of the previous
 * version measured when the rollout started.
 */
public record Rollout(RolloutId id, PipelineId pipelineId, EnvironmentId environmentId, int targetVersion, NodeSelector targetSelector,
                      Optional<Integer> previousVersion, Optional<NodeSelector> previousSelector, RolloutPlan plan, RolloutState state,
                      int currentWave, Instant waveStartedAt, Optional<Instant> soakEndsAt, Optional<HealthGate.Rates> baseline,
                      Map<NodeId, Integer> assignment, Instant createdAt, String createdBy, Instant updatedAt) {

    public Rollout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(targetSelector, "targetSelector");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        assignment = Map.copyOf(assignment);
        waveStartedAt = waveStartedAt.truncatedTo(ChronoUnit.MICROS);
        soakEndsAt = soakEndsAt.map(t -> t.truncatedTo(ChronoUnit.MICROS));
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MICROS);
        createdBy = Objects.requireNonNullElse(createdBy, "");
        if (previousVersion.isPresent() != previousSelector.isPresent()) {
            throw new IllegalArgumentException("previous version and selector go together");
        }
    }

    /** The wave of a node; nodes not assigned when the rollout started belong to the last wave. */
    public int waveOf(NodeId node) {
        return assignment.getOrDefault(node, plan.lastWave());
    }

    /** True when {@code node} is in an admitted wave (everyone once the last wave is admitted). */
    public boolean admits(NodeId node) {
        return currentWave >= plan.lastWave() || waveOf(node) <= currentWave;
    }

    public Rollout with(RolloutState newState, int wave, Instant waveStarted, Optional<Instant> soakEnds, Instant now) {
        return new Rollout(id, pipelineId, environmentId, targetVersion, targetSelector, previousVersion, previousSelector, plan, newState, wave,
                waveStarted, soakEnds, baseline, assignment, createdAt, createdBy, now);
    }
}
