package dev.vectorflow.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph as a plain tree of maps and lists in a fixed order, the one shape the API answers and the store keeps:
 * {@code {"components":[{"key","kind","type","options","displayName","position":{"x","y"},"disabled"}],
 * "edges":[{"from","output","to"}],"globalOptions":{}}} ({@code position} and {@code output} only when set).
 */
public final class GraphTree {

    private GraphTree() {
    }

    public static Map<String, Object> of(PipelineGraph graph) {
        List<Map<String, Object>> components = new ArrayList<>(graph.components().size());
        for (PipelineComponent c : graph.components()) {
            Map<String, Object> component = new LinkedHashMap<>();
            component.put("key", c.key().value());
            component.put("kind", c.kind().label());
            component.put("type", c.type());
            component.put("options", c.options());
            component.put("displayName", c.displayName());
            c.position().ifPresent(p -> {
                Map<String, Object> position = new LinkedHashMap<>();
                position.put("x", p.x());
                position.put("y", p.y());
                component.put("position", position);
            });
            component.put("disabled", c.disabled());
            components.add(component);
        }
        List<Map<String, Object>> edges = new ArrayList<>(graph.edges().size());
        for (Edge e : graph.edges()) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("from", e.from().value());
            e.output().ifPresent(o -> edge.put("output", o));
            edge.put("to", e.to().value());
            edges.add(edge);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("components", components);
        root.put("edges", edges);
        root.put("globalOptions", graph.globalOptions());
        return root;
    }
}
