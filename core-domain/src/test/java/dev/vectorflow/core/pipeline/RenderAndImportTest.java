package dev.vectorflow.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.util.Set;

class RenderAndImportTest {

    private final ConfigRenderer renderer = new ConfigRenderer();
    private final GraphImporter importer = new GraphImporter(TestCatalog.catalog());

    private static PipelineGraph sample() {
        Map<String, Object> sinkOptions = new HashMap<>();
        sinkOptions.put("endpoint", "https://splunk:8088");
        sinkOptions.put("default_token", "SECRET[splunk_token]");
        sinkOptions.put("request", null);
        sinkOptions.put("batch", Map.of());
        return new PipelineGraph(List.of(
                PipelineComponent.of("z_out", ComponentKind.SINK, "splunk_hec_logs", sinkOptions),
                PipelineComponent.of("in", ComponentKind.SOURCE, "file", Map.of("include", List.of("/var/log/*.log"), "read_from", "end")),
                PipelineComponent.of("r", ComponentKind.TRANSFORM, "route", Map.of("route", Map.of("b", "true", "a", ".x == 1")))),
                List.of(Edge.of("r.b", "z_out"), Edge.of("in", "r"), Edge.of("r.a", "z_out")),
                Map.of("data_dir", "/var/lib/vector"));
    }

    @Test
    void rendersSectionsComponentsAndOptionsInSortedOrderWithInputsFromEdges() {
        Map<String, Object> tree = renderer.render(sample());

        assertThat(tree.keySet()).containsExactly("data_dir", "sources", "transforms", "sinks");
        assertThat(tree.get("sinks")).hasToString(
                "{z_out={type=splunk_hec_logs, inputs=[r.a, r.b], default_token=SECRET[vectorflow.splunk_token], endpoint=https://splunk:8088}}");
        assertThat(tree.get("sources")).hasToString("{in={type=file, include=[/var/log/*.log], read_from=end}}");
        assertThat(tree.get("transforms")).hasToString("{r={type=route, inputs=[in], route={a=.x == 1, b=true}}}");
    }

    @Test
    void theSameGraphAlwaysRendersTheSameTree() {
        assertThat(renderer.render(sample()).toString()).isEqualTo(renderer.render(sample()).toString());
    }

    @Test
    void secretReferencesConvertBothWays() {
        assertThat(SecretReferences.toConfig("Bearer SECRET[api.token] and SECRET[vectorflow.x]"))
                .isEqualTo("Bearer SECRET[vectorflow.api.token] and SECRET[vectorflow.x]");
        assertThat(SecretReferences.toGraph("SECRET[vectorflow.api.token]")).isEqualTo("SECRET[api.token]");
        assertThat(SecretReferences.namesIn("a SECRET[one] b SECRET[two]", Set.of())).containsExactly("one", "two");
    }

    @Test
    void importBuildsComponentsEdgesAndGlobals_andMovesLiteralSecretsOut() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("data_dir", "/tmp/v");
        tree.put("sources", Map.of("in", Map.of("type", "file", "include", List.of("/a.log"))));
        tree.put("transforms", Map.of("r", Map.of("type", "route", "inputs", List.of("in"), "route", Map.of("e", ".e"))));
        Map<String, Object> splunk = new LinkedHashMap<>();
        splunk.put("type", "splunk_hec_logs");
        splunk.put("inputs", List.of("r.e"));
        splunk.put("endpoint", "https://s");
        splunk.put("default_token", "a-literal-token");
        Map<String, Object> loki = new LinkedHashMap<>();
        loki.put("type", "loki");
        loki.put("inputs", "r._unmatched");
        loki.put("endpoint", "http://l");
        loki.put("tenant", "acme");
        loki.put("auth", Map.of("user", "u", "password", "SECRET[vectorflow.loki_pw]"));
        tree.put("sinks", new LinkedHashMap<>(Map.of("splunk", splunk, "loki", loki)));

        GraphImporter.ImportResult result = importer.importConfig(tree);

        assertThat(result.problems()).isEmpty();
        PipelineGraph graph = result.graph();
        assertThat(graph.components()).extracting(c -> c.key().value()).containsExactlyInAnyOrder("in", "r", "splunk", "loki");
        assertThat(graph.edges()).extracting(Edge::input).containsExactlyInAnyOrder("in", "r.e", "r._unmatched");
        assertThat(graph.globalOptions()).containsEntry("data_dir", "/tmp/v");
        PipelineComponent splunkSink = graph.component(new ComponentKey("splunk")).orElseThrow();
        assertThat(splunkSink.options()).containsEntry("default_token", "SECRET[splunk_default_token]");
        assertThat(splunkSink.options().toString()).doesNotContain("a-literal-token");
        assertThat(result.movedSecrets()).singleElement().satisfies(m -> {
            assertThat(m.secretName()).isEqualTo("splunk_default_token");
            assertThat(m.value()).isEqualTo("a-literal-token");
            assertThat(m.toString()).doesNotContain("a-literal-token");
        });
        PipelineComponent lokiSink = graph.component(new ComponentKey("loki")).orElseThrow();
        assertThat(lokiSink.options()).containsEntry("tenant", "acme");
        assertThat(lokiSink.options().get("auth").toString()).contains("password=SECRET[loki_pw]").contains("user=u");
        assertThat(new PipelineValidator(TestCatalog.catalog()).validate(graph)).filteredOn(Problem::isError).isEmpty();
    }

    @Test
    void importRefusesWhatItCannotRepresent() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("secret", Map.of("vectorflow", Map.of("type", "exec")));
        tree.put("bogus_key", 1);
        tree.put("sinks", Map.of("bad.id", Map.of("type", "console"), "out", Map.of("type", "console", "inputs", List.of("app-*")),
                "untyped", Map.of("inputs", List.of("x"))));

        GraphImporter.ImportResult result = importer.importConfig(tree);

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p).contains("the secret backend 'vectorflow' is the one VectorFlow's agent provides"))
                .anySatisfy(p -> assertThat(p).contains("'bogus_key' is not a top-level key"))
                .anySatisfy(p -> assertThat(p).contains("the component id must be 1-64 letters"))
                .anySatisfy(p -> assertThat(p).contains("the input pattern 'app-*' matches no component"))
                .anySatisfy(p -> assertThat(p).contains("every component needs a 'type'"));
        assertThat(importer.importConfig(Map.of()).problems()).extracting(Problem::toString)
                .containsExactly("ERROR: the file holds no sources, transforms or sinks");
    }

    @Test
    void globInputsExpandToEveryMatchingComponentAndOutput_andPositionsFollowDepth() {
        Map<String, Object> tree = new LinkedHashMap<>();
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("app-web", Map.of("type", "file", "include", List.of("/w")));
        sources.put("app-db", Map.of("type", "file", "include", List.of("/d")));
        sources.put("other", Map.of("type", "file", "include", List.of("/o")));
        tree.put("sources", sources);
        tree.put("transforms", Map.of("r", Map.of("type", "route", "inputs", List.of("app-*"), "route", Map.of("e", ".e"))));
        tree.put("sinks", Map.of("out", Map.of("type", "console", "inputs", List.of("r.*", "other"), "encoding", Map.of("codec", "json"))));

        GraphImporter.ImportResult result = importer.importConfig(tree);

        assertThat(result.problems()).isEmpty();
        assertThat(result.graph().edges()).extracting(e -> e.input() + "->" + e.to())
                .containsExactlyInAnyOrder("app-web->r", "app-db->r", "r.e->out", "r._unmatched->out", "other->out");
        assertThat(result.graph().component(new ComponentKey("app-db")).orElseThrow().position().orElseThrow().x()).isZero();
        assertThat(result.graph().component(new ComponentKey("r")).orElseThrow().position().orElseThrow().x()).isEqualTo(320);
        assertThat(result.graph().component(new ComponentKey("out")).orElseThrow().position().orElseThrow().x()).isEqualTo(640);
    }

    @Test
    void importThenRenderGivesBackTheSameConfig() {
        Map<String, Object> rendered = renderer.render(sample());
        Map<String, Object> again = renderer.render(importer.importConfig(rendered).graph());

        assertThat(again).isEqualTo(rendered);
    }
}
