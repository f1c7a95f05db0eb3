package dev.vectorflow.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphTreeTest {

    @Test
    void aGraphBecomesItsTree_inAFixedOrder_withPositionAndOutputOnlyWhereSet() {
        PipelineComponent placed = new PipelineComponent(new ComponentKey("in"), ComponentKind.SOURCE, "demo_logs", Map.of("format", "json"),
                "Demo", Optional.of(new PipelineComponent.Position(10, 20.5)), false);
        PipelineComponent route = PipelineComponent.of("route", ComponentKind.TRANSFORM, "route", Map.of());
        PipelineComponent out = new PipelineComponent(new ComponentKey("out"), ComponentKind.SINK, "blackhole", Map.of(), "", Optional.empty(), true);
        PipelineGraph graph = new PipelineGraph(List.of(placed, route, out),
                List.of(Edge.of("in", "route"), new Edge(new ComponentKey("route"), Optional.of("errors"), new ComponentKey("out"))),
                Map.of("data_dir", "/var/lib/vector"));

        Map<String, Object> tree = GraphTree.of(graph);

        assertThat(tree).containsOnlyKeys("components", "edges", "globalOptions");
        assertThat(tree.keySet()).containsExactly("components", "edges", "globalOptions");
        List<?> components = (List<?>) tree.get("components");
        assertThat(map(components.get(0)).keySet()).containsExactly("key", "kind", "type", "options", "displayName", "position", "disabled");
        assertThat(map(components.get(0)).get("position")).isEqualTo(Map.of("x", 10.0, "y", 20.5));
        assertThat(map(components.get(0)).get("kind")).isEqualTo("source");
        assertThat(map(components.get(2)).keySet()).doesNotContain("position");
        assertThat(map(components.get(2)).get("disabled")).isEqualTo(true);
        List<?> edges = (List<?>) tree.get("edges");
        assertThat(map(edges.get(0)).keySet()).containsExactly("from", "to");
        assertThat(edges.get(1)).isEqualTo(Map.of("from", "route", "output", "errors", "to", "out"));
        assertThat(tree.get("globalOptions")).isEqualTo(Map.of("data_dir", "/var/lib/vector"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object tree) {
        return (Map<String, Object>) tree;
    }
}
