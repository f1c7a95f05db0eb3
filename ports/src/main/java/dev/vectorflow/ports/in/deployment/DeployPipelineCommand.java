package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.RolloutPlan;
import java.util.Objects;
import java.util.Optional;

/**
 * Input of {@link DeployPipelineUseCase}: an empty version means the latest published one; an empty rollout deploys to
 * every matching node at once, a plan stages it in waves.
 */
public record DeployPipelineCommand(Actor actor, PipelineId pipeline, Optional<Integer> version, NodeSelector selector,
                                    Optional<RolloutPlan> rollout) {

    public DeployPipelineCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(rollout, "rollout");
    }

    /** All at once. */
    public DeployPipelineCommand(Actor actor, PipelineId pipeline, Optional<Integer> version, NodeSelector selector) {
        this(actor, pipeline, version, selector, Optional.empty());
    }
}
