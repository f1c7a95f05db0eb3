package dev.vectorflow.bench;

import dev.vectorflow.adapter.vector.VectorPipelines;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures validate + render YAML of a 1,000-component pipeline (250 parallel lanes of
 * file source → remap → route → sink, one route output per lane) after a warm-up, and prints the
 * median, p90 and best round in milliseconds. Target: under 20 ms per round.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    static PipelineGraph graph(int lanes) {
        List<PipelineComponent> components = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            String source = "src_" + i;
            String parse = "parse_" + i;
            String route = "route_" + i;
            String sink = "out_" + i;
            components.add(PipelineComponent.of(source, ComponentKind.SOURCE, "file",
                    Map.of("include", List.of("/var/log/app" + i + "/*.log"), "read_from", "beginning")));
            components.add(PipelineComponent.of(parse, ComponentKind.TRANSFORM, "remap",
                    Map.of("source", ". = parse_json!(string!(.message))\n.lane = " + i + "\n", "drop_on_error", true)));
            components.add(PipelineComponent.of(route, ComponentKind.TRANSFORM, "route",
                    Map.of("route", Map.of("errors", ".level == \"error\"", "rest", "true"))));
            components.add(PipelineComponent.of(sink, ComponentKind.SINK, "http",
                    Map.of("uri", "https://collector.example.com/lane/" + i, "encoding", Map.of("codec", "json"))));
            edges.add(Edge.of(source, parse));
            edges.add(Edge.of(parse, route));
            edges.add(Edge.of(route + ".errors", sink));
            edges.add(Edge.of(route + ".rest", sink));
        }
        return PipelineGraph.of(components, edges);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        VectorPipelines pipelines = VectorPipelines.withBundledCatalog();
        PipelineGraph graph = graph(250);
        List<Problem> problems = pipelines.validate(graph);
        long errors = problems.stream().filter(Problem::isError).count();
        if (errors > 0) {
            problems.stream().filter(Problem::isError).limit(5).forEach(System.err::println);
            throw new IllegalStateException("the benchmark graph should be valid but has " + errors + " errors");
        }
        int bytes = pipelines.render(graph, ConfigFormat.YAML).length();
        for (int i = 0; i < 100; i++) {
            round(pipelines, graph);
        }
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            round(pipelines, graph);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("validate + render YAML, %d components, %d edges, %d bytes of YAML, %d rounds after 100 warm-up rounds:%n",
                graph.components().size(), graph.edges().size(), bytes, rounds);
        System.out.printf("  median %.2f ms, p90 %.2f ms, best %.2f ms (target: under 20 ms)%n",
                millis[rounds / 2], millis[(int) (rounds * 0.9)], millis[0]);
    }

    private static void round(VectorPipelines pipelines, PipelineGraph graph) {
        if (pipelines.validate(graph).isEmpty() && pipelines.render(graph, ConfigFormat.YAML).isEmpty()) {
            throw new IllegalStateException("unreachable: keeps the JIT from dropping the work");
        }
    }
}
