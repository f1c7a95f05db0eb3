package dev.vectorflow.ports.in.preview;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.Objects;
import java.util.Optional;

/** Preview {@code pipeline}'s draft on {@code node} against version {@code against} (empty: the deployed version). */
public record RequestPreviewCommand(Actor actor, PipelineId pipeline, NodeId node, Optional<Integer> against) {

    public RequestPreviewCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(against, "against");
    }
}
