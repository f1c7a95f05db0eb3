package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.List;
import java.util.Objects;

/** Input of {@link RequestSampleUseCase}: 1 to 50 components of one pipeline, and 1 to {@link #MAX_LIMIT} events each. */
public record RequestSampleCommand(Actor actor, NodeId node, PipelineId pipeline, List<String> componentKeys, int limit) {

    /** Most events a sample takes per component. */
    public static final int MAX_LIMIT = 100;

    public RequestSampleCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(componentKeys, "componentKeys");
        if (componentKeys.isEmpty() || componentKeys.size() > 50) {
            throw new InvalidValueException("componentKeys", "must name 1 to 50 components");
        }
        componentKeys.forEach(ComponentKey::new);
        componentKeys = List.copyOf(componentKeys);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
    }
}
