package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.rollout.RolloutId;
import java.util.Objects;
import java.util.Optional;

/** What a deploy did: the pipeline's deployment now, and the staged rollout it started (with a rollout plan). */
public record DeployedPipeline(Deployment deployment, Optional<RolloutId> rollout) {

    public DeployedPipeline {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(rollout, "rollout");
    }
}
