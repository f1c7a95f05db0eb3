package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.Objects;

/** Input of {@link UndeployPipelineUseCase}. */
public record UndeployPipelineCommand(Actor actor, PipelineId pipeline) {

    public UndeployPipelineCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(pipeline, "pipeline");
    }
}
