package dev.vectorflow.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineValidatorTest {

    private final PipelineValidator validator = new PipelineValidator(TestCatalog.catalog());

    private static PipelineComponent source(String key, String type, Map<String, Object> options) {
        return PipelineComponent.of(key, ComponentKind.SOURCE, type, options);
    }

    private static PipelineComponent transform(String key, String type, Map<String, Object> options) {
        return PipelineComponent.of(key, ComponentKind.TRANSFORM, type, options);
    }

    private static PipelineComponent sink(String key, String type, Map<String, Object> options) {
        return PipelineComponent.of(key, ComponentKind.SINK, type, options);
    }

    private static final Map<String, Object> FILE = Map.of("include", List.of("/var/log/*.log"));
    private static final Map<String, Object> CONSOLE = Map.of("encoding", Map.of("codec", "json"));

    private List<String> errors(PipelineGraph graph) {
        return validator.validate(graph).stream().filter(Problem::isError).map(Problem::toString).toList();
    }

    private List<String> warnings(PipelineGraph graph) {
        return validator.validate(graph).stream().filter(p -> !p.isError()).map(Problem::toString).toList();
    }

    @Test
    void aSoundPipelineHasNoProblems() {
        PipelineGraph graph = PipelineGraph.of(List.of(
                source("in", "file", FILE),
                transform("parse", "remap", Map.of("source", ".message = parse_json!(.message)")),
                sink("out", "console", CONSOLE)), List.of(Edge.of("in", "parse"), Edge.of("parse", "out")));

        assertThat(validator.validate(graph)).isEmpty();
    }

    @Test
    void globalOptions_mustBeVectorsTopLevelOptions_ofTheirType_andNeverComponents() {
        List<PipelineComponent> components = List.of(source("in", "file", FILE), sink("out", "console", CONSOLE));
        List<Edge> edges = List.of(Edge.of("in", "out"));

        assertThat(validator.validate(new PipelineGraph(components, edges, Map.of("data_dir", "/var/lib/vector",
                "api", Map.of("enabled", true))))).isEmpty();
        assertThat(errors(new PipelineGraph(components, edges, Map.of("timezon", "UTC", "data_dir", 5,
                "sinks", Map.of("extra", Map.of("type", "console"))))))
                .containsExactlyInAnyOrder(
                        "ERROR timezon: 'timezon' is not an option here (the options here: api, data_dir)",
                        "ERROR data_dir: must be a string but was 5",
                        "ERROR sinks: 'sinks' is not an option here (the options here: api, data_dir)");
    }

    @Test
    void keysMustBeValidUniqueAndNotReserved() {
        assertThatThrownBy(() -> new ComponentKey("a.b")).isInstanceOf(InvalidValueException.class)
                .hasMessage("'key' must be 1-64 letters, digits, '_' or '-' but was 'a.b'");
        assertThatThrownBy(() -> new ComponentKey("x".repeat(65))).isInstanceOf(InvalidValueException.class);
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE), source("vf_in", "file", FILE),
                sink("in", "console", CONSOLE)), List.of(Edge.of("vf_in", "in")));

        assertThat(errors(graph)).anySatisfy(e -> assertThat(e).contains("used by more than one component"))
                .anySatisfy(e -> assertThat(e).contains("reserved"));
    }

    @Test
    void unknownTypesOptionsAndMissingRequiredOptionsAreNamedWithTheirPath() {
        PipelineGraph graph = PipelineGraph.of(List.of(
                source("in", "file", Map.of("includes", List.of("x"))),
                source("odd", "carrier_pigeon", Map.of()),
                sink("out", "console", Map.of())), List.of(Edge.of("in", "out"), Edge.of("odd", "out")));

        assertThat(errors(graph)).contains(
                "ERROR in includes: 'includes' is not an option here (did you mean 'include'? the options here: decoding, encoding, include,"
                        + " max_line_bytes, read_from)",
                "ERROR in include: the required option 'include' is missing",
                "ERROR odd type: 'carrier_pigeon' is not a source type of Vector 0.57.0",
                "ERROR out encoding: the required option 'encoding' is missing");
    }

    @Test
    void valuesAreCheckedForTypeEnumAndRelevance() {
        Map<String, Object> decoding = new LinkedHashMap<>();
        decoding.put("codec", "protobuf");
        PipelineGraph graph = PipelineGraph.of(List.of(
                source("in", "file", Map.of("include", List.of("a", 5), "max_line_bytes", -1, "decoding", decoding)),
                sink("out", "console", Map.of("encoding", Map.of("codec", "xml")))), List.of(Edge.of("in", "out")));

        assertThat(errors(graph)).contains(
                "ERROR in include[1]: must be a string but was 5",
                "ERROR in max_line_bytes: must be a whole number of at least 0 but was -1",
                "ERROR in decoding.desc_file: the required option 'desc_file' is missing",
                "ERROR out encoding.codec: must be one of json, text but was 'xml'");
    }

    @Test
    void aliasesAndBoolShorthandsAreAccepted() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE),
                sink("out", "loki", Map.of("endpoint", "http://loki:3100", "tenant", "acme", "healthcheck", false))), List.of(Edge.of("in", "out")));

        assertThat(errors(graph)).isEmpty();
    }

    @Test
    void sensitiveOptionsTakeOnlySecretReferences() {
        PipelineGraph literal = PipelineGraph.of(List.of(source("in", "file", FILE),
                sink("out", "splunk_hec_logs", Map.of("endpoint", "https://splunk", "default_token", "abc123"))), List.of(Edge.of("in", "out")));
        PipelineGraph reference = PipelineGraph.of(List.of(source("in", "file", FILE),
                sink("out", "splunk_hec_logs", Map.of("endpoint", "https://splunk", "default_token", "SECRET[splunk_token]"))),
                List.of(Edge.of("in", "out")));

        assertThat(errors(literal)).singleElement().asString().contains("default_token").contains("SECRET[name]").doesNotContain("abc123");
        assertThat(errors(reference)).isEmpty();
    }

    @Test
    void transformsAndSinksNeedInputs_andUnconsumedSourcesAreWarnings() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE), source("spare", "file", FILE),
                transform("t", "remap", Map.of("source", ".")), sink("out", "console", CONSOLE)), List.of(Edge.of("in", "t"), Edge.of("t", "out")));
        PipelineGraph noInputs = PipelineGraph.of(List.of(sink("out", "console", CONSOLE)), List.of());

        assertThat(errors(graph)).isEmpty();
        assertThat(warnings(graph)).containsExactly("WARNING spare: nothing consumes the events of this source");
        assertThat(errors(noInputs)).containsExactly("ERROR out inputs: a sink needs at least one input");
    }

    @Test
    void namedOutputsFollowVectorsRules() {
        PipelineComponent route = transform("r", "route", Map.of("route", Map.of("errors", ".level == \"error\"", "rest", "true")));
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE), route,
                sink("a", "console", CONSOLE), sink("b", "console", CONSOLE), sink("c", "console", CONSOLE), sink("d", "console", CONSOLE)),
                List.of(Edge.of("in", "r"), Edge.of("r.errors", "a"), Edge.of("r._unmatched", "b"), Edge.of("r", "c"), Edge.of("r.missing", "d")));

        assertThat(errors(graph)).containsExactlyInAnyOrder(
                "ERROR c inputs: 'r' has no default output; connect one of its named outputs: errors, rest, _unmatched",
                "ERROR d inputs: 'r' has no output 'missing' (its outputs: errors, rest, _unmatched)");
    }

    @Test
    void remapHasADroppedOutputOnlyWhenItReroutes() {
        List<PipelineComponent> components = List.of(source("in", "file", FILE),
                transform("t", "remap", Map.of("source", ".", "reroute_dropped", true)), sink("out", "console", CONSOLE),
                sink("bad", "console", CONSOLE));
        List<Edge> edges = List.of(Edge.of("in", "t"), Edge.of("t", "out"), Edge.of("t.dropped", "bad"));

        assertThat(errors(PipelineGraph.of(components, edges))).isEmpty();
        List<PipelineComponent> noReroute = new ArrayList<>(components);
        noReroute.set(1, transform("t", "remap", Map.of("source", ".")));
        assertThat(errors(PipelineGraph.of(noReroute, edges))).singleElement().asString().contains("has no output 'dropped'");
    }

    @Test
    void eventTypesMustMatchAlongEveryEdge() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("logs", "file", FILE), source("metrics", "internal_metrics", Map.of()),
                sink("prom", "prometheus_exporter", Map.of()), sink("loki", "loki", Map.of("endpoint", "http://l")),
                transform("count", "log_to_metric", Map.of()), sink("prom2", "prometheus_exporter", Map.of()),
                source("otel", "opentelemetry", Map.of()), sink("otel_logs", "loki", Map.of("endpoint", "http://l"))),
                List.of(Edge.of("logs", "prom"), Edge.of("metrics", "loki"), Edge.of("logs", "count"), Edge.of("count", "prom2"),
                        Edge.of("otel.logs", "otel_logs")));

        assertThat(errors(graph)).containsExactlyInAnyOrder(
                "ERROR prom inputs: data type mismatch between logs ([logs]) and prom ([metrics])",
                "ERROR loki inputs: data type mismatch between metrics ([metrics]) and loki ([logs])");
    }

    @Test
    void typesFlowThroughPassThroughTransforms() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("metrics", "internal_metrics", Map.of()),
                transform("t", "remap", Map.of("source", ".")), sink("loki", "loki", Map.of("endpoint", "http://l"))),
                List.of(Edge.of("metrics", "t"), Edge.of("t", "loki")));

        assertThat(errors(graph)).singleElement().asString().contains("data type mismatch between t ([metrics]) and loki ([logs])");
    }

    @Test
    void cyclesAreFound() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE), transform("a", "remap", Map.of("source", ".")),
                transform("b", "remap", Map.of("source", ".")), sink("out", "console", CONSOLE)),
                List.of(Edge.of("in", "a"), Edge.of("a", "b"), Edge.of("b", "a"), Edge.of("b", "out")));

        assertThat(errors(graph)).singleElement().asString().contains("cycle: a -> b -> a");
    }

    @Test
    void edgesToMissingComponentsAndWrongDirectionsAreErrors() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE), sink("out", "console", CONSOLE)),
                List.of(Edge.of("in", "out"), Edge.of("ghost", "out"), Edge.of("out", "in")));

        assertThat(errors(graph)).contains("ERROR out inputs: the edge ghost -> out connects 'ghost', which is not a component of this pipeline")
                .anySatisfy(e -> assertThat(e).contains("a source takes no inputs"));
    }

    @Test
    void disabledComponentsAreLeftOutWithTheirEdges() {
        PipelineComponent broken = new PipelineComponent(new ComponentKey("broken"), ComponentKind.SINK, "console", Map.of(), "", Optional.empty(), true);
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE), sink("out", "console", CONSOLE), broken),
                List.of(Edge.of("in", "out"), Edge.of("in", "broken")));

        assertThat(validator.validate(graph)).isEmpty();
        Map<String, Object> rendered = new ConfigRenderer().render(graph);
        assertThat(rendered.get("sinks").toString()).startsWith("{out=").doesNotContain("broken");
    }

    @Test
    void vectorsCodeOnlyRulesAreChecked() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", FILE), transform("t", "remap", Map.of()),
                transform("r", "route", Map.of()), sink("out", "console", CONSOLE)),
                List.of(Edge.of("in", "t"), Edge.of("t", "out"), Edge.of("in", "r")));

        assertThat(errors(graph)).contains("ERROR t source: remap needs its VRL program: set 'source' (or 'file' / 'files')")
                .anySatisfy(e -> assertThat(e).contains("route needs at least one route"));
    }

    @Test
    void brokenStructureIsFlaggedButIncompleteOptionsAreNot() {
        PipelineGraph graph = PipelineGraph.of(List.of(source("in", "file", Map.of()), source("in", "file", FILE),
                transform("t", "teleport", Map.of()), sink("out", "console", Map.of())),
                List.of(Edge.of("in", "out"), Edge.of("ghost", "out")));

        List<Problem> problems = validator.validate(graph);
        assertThat(problems.stream().filter(Problem::structural).map(Problem::message))
                .anySatisfy(m -> assertThat(m).contains("used by more than one component"))
                .anySatisfy(m -> assertThat(m).contains("'teleport' is not a transform type"))
                .anySatisfy(m -> assertThat(m).contains("connects 'ghost'"));
        assertThat(problems.stream().filter(p -> p.isError() && !p.structural()).map(Problem::message))
                .anySatisfy(m -> assertThat(m).contains("the required option 'include' is missing"))
                .anySatisfy(m -> assertThat(m).contains("the required option 'encoding' is missing"));
    }

    @Test
    void tooManyComponentsIsOneClearError() {
        List<PipelineComponent> many = new ArrayList<>();
        for (int i = 0; i <= PipelineGraph.MAX_COMPONENTS; i++) {
            many.add(source("s" + i, "file", FILE));
        }
        assertThat(errors(PipelineGraph.of(many, List.of()))).containsExactly(
                "ERROR: a pipeline holds at most 5000 components but this one has 5001");
    }

    @Test
    void aChainOfFiveThousandComponents_isValidated_evenOnASmallThreadStack() throws Exception {
        List<PipelineComponent> chain = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        chain.add(source("s", "file", FILE));
        for (int i = 0; i < PipelineGraph.MAX_COMPONENTS - 2; i++) {
            chain.add(transform("t" + i, "remap", Map.of("source", ".")));
            edges.add(Edge.of(i == 0 ? "s" : "t" + (i - 1), "t" + i));
        }
        chain.add(sink("out", "console", CONSOLE));
        edges.add(Edge.of("t" + (PipelineGraph.MAX_COMPONENTS - 3), "out"));
        List<List<String>> found = new ArrayList<>();
        Throwable[] failure = new Throwable[1];

        Thread small = new Thread(null, () -> {
            try {
                found.add(errors(PipelineGraph.of(chain, edges)));
                edges.add(Edge.of("t10", "t0"));
                found.add(errors(PipelineGraph.of(chain, edges)));
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 128 * 1024);
        small.start();
        small.join();

        assertThat(failure[0]).isNull();
        assertThat(found.getFirst()).isEmpty();
        assertThat(found.get(1)).singleElement().asString().contains("the pipeline has a cycle: t0 -> t1 -> t2");
    }
}
