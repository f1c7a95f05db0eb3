package dev.vectorflow.core.pipeline.diff;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.Objects;

/** A component added to or removed from a pipeline, named by key, kind and Vector type. */
public record ComponentSummary(ComponentKey key, ComponentKind kind, String type) {

    public ComponentSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
    }

    public static ComponentSummary of(PipelineComponent component) {
        return new ComponentSummary(component.key(), component.kind(), component.type());
    }
}
