package dev.vectorflow.adapter.vector;

import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The library example of the README, verbatim between the markers; {@link ReadmeExampleTest} runs it and checks the README. */
final class ReadmeExample {

    record Result(List<Problem> problems, String yaml, GraphImporter.ImportResult imported) {
    }

    static Result run() {
        // README-START
        VectorPipelines vector = VectorPipelines.withBundledCatalog();   // the Vector 0.57 catalog

        PipelineGraph graph = PipelineGraph.of(
                List.of(
                        PipelineComponent.of("app_logs", ComponentKind.SOURCE, "file",
                                Map.of("include", List.of("/var/log/app/*.log"))),
                        PipelineComponent.of("parse", ComponentKind.TRANSFORM, "remap",
                                Map.of("source", ". = parse_json!(string!(.message))")),
                        PipelineComponent.of("out", ComponentKind.SINK, "console",
                                Map.of("encoding", Map.of("codec", "json")))),
                List.of(Edge.of("app_logs", "parse"), Edge.of("parse", "out")));

        List<Problem> problems = vector.validate(graph);          // empty: Vector would accept it
        String yaml = vector.render(graph, ConfigFormat.YAML);    // same graph, same bytes
        GraphImporter.ImportResult imported = vector.importConfig(yaml, Optional.empty());
        // README-END
        return new Result(problems, yaml, imported);
    }
}
