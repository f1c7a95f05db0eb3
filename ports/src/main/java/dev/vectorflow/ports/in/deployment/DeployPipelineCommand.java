package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.Objects;
import java.util.Optional;

/** Input of {@link DeployPipelineUseCase}: an empty version means the latest published one. */
public record DeployPipelineCommand(Actor actor, PipelineId pipeline, Optional<Integer> version, NodeSelector selector) {

    public DeployPipelineCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(selector, "selector");
    }
}
