package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.Objects;

/** Input of {@link RestartPipelineUseCase}. */
public record RestartPipelineCommand(Actor actor, NodeId node, PipelineId pipeline) {

    public RestartPipelineCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pipeline, "pipeline");
    }
}
