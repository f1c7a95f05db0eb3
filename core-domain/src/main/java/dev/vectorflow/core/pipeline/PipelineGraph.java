package dev.vectorflow.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline as the editor draws it: components, the edges between them, and per-pipeline global
 * options of the Vector config ({@code data_dir}, {@code api}, ... are left for the agent).
 */
public record PipelineGraph(List<PipelineComponent> components, List<Edge> edges, Map<String, Object> globalOptions) {

    /** The most components a graph may hold. */
    public static final int MAX_COMPONENTS = 5_000;

    public PipelineGraph {
        components = List.copyOf(Objects.requireNonNull(components, "components"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
        globalOptions = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(globalOptions, "globalOptions")));
    }

    public static PipelineGraph of(List<PipelineComponent> components, List<Edge> edges) {
        return new PipelineGraph(components, edges, Map.of());
    }

    public Optional<PipelineComponent> component(ComponentKey key) {
        return components.stream().filter(c -> c.key().equals(key)).findFirst();
    }
}
