package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a pipeline graph: its key, kind and Vector type, its options as a JSON-like tree
 * (String, Boolean, Long, Double, List, Map values; secrets only as {@code SECRET[name]}
 * references), a display name and canvas position for the editor, and whether it is switched off.
 */
public record PipelineComponent(ComponentKey key, ComponentKind kind, String type, Map<String, Object> options, String displayName,
                                Optional<Position> position, boolean disabled) {

    /** Where the component sits on the editor's canvas. */
    public record Position(double x, double y) {
    }

    public PipelineComponent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
        displayName = displayName == null ? "" : displayName;
        Objects.requireNonNull(position, "position");
    }

    /** A component with no display name, position, or disabled flag (for programs that build graphs). */
    public static PipelineComponent of(String key, ComponentKind kind, String type, Map<String, Object> options) {
        return new PipelineComponent(new ComponentKey(key), kind, type, options, "", Optional.empty(), false);
    }
}
