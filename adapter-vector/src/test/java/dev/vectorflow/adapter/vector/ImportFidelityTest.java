package dev.vectorflow.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.Edge;
import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.References;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.standin.ConfigFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Import and render lose nothing Vector would read: merge keys, globs, unit tests, the file's own secret backends,
 * environment variables, dangling inputs, big files; and importing a render puts every component where it was.
 * Each config here is written for the test from Vector's documented behaviour.
 */
class ImportFidelityTest {

    private final VectorPipelines vector = VectorPipelines.withBundledCatalog();

    private GraphImporter.ImportResult imported(String text) {
        GraphImporter.ImportResult result = vector.importConfig(text, Optional.empty());
        assertThat(result.problems()).as("import problems").filteredOn(Problem::isError).isEmpty();
        return result;
    }

    private List<String> errors(PipelineGraph graph) {
        return vector.validate(graph).stream().filter(Problem::isError).map(Problem::toString).toList();
    }

    /** Renders in every format, imports each render, and checks that the YAML render of every re-import is the same. */
    private String roundTripsInEveryFormat(PipelineGraph graph) {
        String yaml = vector.render(graph, ConfigFormat.YAML);
        for (ConfigFormat format : ConfigFormat.values()) {
            GraphImporter.ImportResult again = vector.importConfig(vector.render(graph, format), Optional.of(format));
            assertThat(again.problems()).as("re-import of the %s render", format).filteredOn(Problem::isError).isEmpty();
            assertThat(vector.render(again.graph(), ConfigFormat.YAML)).as("YAML of the %s render", format).isEqualTo(yaml);
        }
        return yaml;
    }

    @Test
    void mergeKeys_giveEachComponentTheMergedOptions_andTheRenderHoldsThem() {
        GraphImporter.ImportResult result = imported("""
                sources:
                  in:
                    type: demo_logs
                    format: json
                sinks:
                  east: &sink
                    type: http
                    inputs: [in]
                    uri: https://east.example.com
                    encoding:
                      codec: json
                    compression: gzip
                  west:
                    <<: *sink
                    uri: https://west.example.com
                    compression: zstd
                """);

        assertThat(result.graph().component(new ComponentKey("west")).orElseThrow().type()).isEqualTo("http");
        assertThat(result.graph().component(new ComponentKey("west")).orElseThrow().options()).containsEntry("compression", "zstd");
        String yaml = vector.render(result.graph(), ConfigFormat.YAML);
        assertThat(yaml).contains("  east:\n    type: http\n").contains("  west:\n    type: http\n").doesNotContain("<<");
    }

    @Test
    void globInputs_withQuestionMarksAndCharacterSets_expandAsVectorExpandsThem() {
        PipelineGraph graph = imported("""
                sources:
                  app1: {type: demo_logs, format: json}
                  app2: {type: demo_logs, format: json}
                  app10: {type: demo_logs, format: json}
                  db1: {type: demo_logs, format: json}
                sinks:
                  one_digit:
                    type: blackhole
                    inputs: ["app?"]
                  ranges:
                    type: blackhole
                    inputs: ["[a-c]*1", "app[!2]*"]
                """).graph();

        Function<String, List<String>> inputsOf = key -> graph.edges().stream().filter(e -> e.to().value().equals(key))
                .map(Edge::input).sorted().distinct().toList();
        assertThat(inputsOf.apply("one_digit")).containsExactly("app1", "app2");
        assertThat(inputsOf.apply("ranges")).containsExactly("app1", "app10");
        assertThat(vector.importConfig("sources:\n  a: {type: demo_logs, format: json}\nsinks:\n  b: {type: blackhole, inputs: [\"a[bc\"]}\n",
                Optional.empty()).problems()).extracting(Problem::toString)
                .contains("ERROR b inputs: the input pattern 'a[bc' is not a valid glob (an unclosed '[')");
    }

    @Test
    void aGlobThatMatchesNothing_isAnError_butOnlyAWarningUnderRelaxedWildcardMatching() {
        String config = "%ssources:\n  a: {type: demo_logs, format: json}\nsinks:\n  b: {type: blackhole, inputs: [a, \"zz*\"]}\n";

        assertThat(vector.importConfig(config.formatted(""), Optional.empty()).hasErrors()).isTrue();
        GraphImporter.ImportResult relaxed = vector.importConfig(config.formatted("wildcard_matching: relaxed\n"), Optional.empty());
        assertThat(relaxed.hasErrors()).isFalse();
        assertThat(relaxed.problems()).extracting(Problem::toString).containsExactly("WARNING b inputs: the input pattern 'zz*' matches no component");
    }

    private static final String WITH_TESTS = """
            sources:
              in: {type: demo_logs, format: json}
            transforms:
              parse:
                type: remap
                inputs: [in]
                source: .parsed = true
            sinks:
              out: {type: blackhole, inputs: [parse]}
            tests:
              - name: marks events as parsed
                inputs:
                  - insert_at: parse
                    type: log
                    log_fields:
                      message: hello
                outputs:
                  - extract_from: parse
                    conditions:
                      - type: vrl
                        source: assert!(.parsed)
            """;

    @Test
    void unitTests_stayWithThePipeline_throughImportAndEveryRender() {
        GraphImporter.ImportResult result = imported(WITH_TESTS);

        assertThat(result.problems()).isEmpty();
        assertThat(result.graph().globalOptions()).containsKey("tests");
        assertThat(errors(result.graph())).isEmpty();
        String yaml = roundTripsInEveryFormat(result.graph());
        assertThat(yaml).endsWith("""
                tests:
                  - inputs:
                      - insert_at: parse
                        log_fields:
                          message: hello
                        type: log
                    name: marks events as parsed
                    outputs:
                      - conditions:
                          - source: assert!(.parsed)
                            type: vrl
                        extract_from: parse
                """);
    }

    @Test
    void unitTests_mustTargetTransformsOfThePipeline() {
        PipelineGraph graph = imported(WITH_TESTS.replace("insert_at: parse", "insert_at: in").replace("extract_from: parse", "extract_from: gone")
                + "  - name: asserts nothing\n").graph();

        assertThat(errors(graph)).containsExactlyInAnyOrder(
                "ERROR tests[0].inputs[0].insert_at: 'in' is a source; unit tests insert at and extract from transforms",
                "ERROR tests[0].outputs[0].extract_from: 'gone' is not a component of this pipeline",
                "ERROR tests[1]: a unit test needs 'outputs' or 'no_outputs_from'");
    }

    private static final String OWN_BACKENDS = """
            secret:
              vault:
                type: exec
                command: [/usr/local/bin/vault-secrets]
              aws_sm:
                type: aws_secrets_manager
                secret_id: prod/logging
            sources:
              in: {type: demo_logs, format: json}
            sinks:
              out:
                type: splunk_hec_logs
                inputs: [in]
                endpoint: https://splunk:8088
                default_token: SECRET[vault.splunk_token]
                encoding:
                  codec: json
              es:
                type: elasticsearch
                inputs: [in]
                endpoints: [https://es:9200]
                auth:
                  strategy: basic
                  user: vector
                  password: SECRET[aws_sm.prod/es/password]
              loki:
                type: loki
                inputs: [in]
                endpoint: https://loki:3100
                encoding:
                  codec: json
                labels:
                  job: vector
                auth:
                  strategy: basic
                  user: vector
                  password: SECRET[vectorflow.loki_password]
            """;

    @Test
    void theFilesOwnSecretBackends_andTheirReferences_stayExactlyAsWritten() {
        GraphImporter.ImportResult result = imported(OWN_BACKENDS);

        assertThat(result.movedSecrets()).isEmpty();
        assertThat(result.graph().globalOptions()).containsKey("secret");
        assertThat(errors(result.graph())).isEmpty();
        assertThat(References.of(result.graph()).secrets()).extracting(Object::toString).containsExactly("loki_password");
        String yaml = roundTripsInEveryFormat(result.graph());
        assertThat(yaml).contains("default_token: SECRET[vault.splunk_token]\n").contains("password: SECRET[aws_sm.prod/es/password]\n")
                .contains("password: SECRET[vectorflow.loki_password]\n").contains("secret:\n  aws_sm:\n").contains("  vault:\n")
                .doesNotContain("vectorflow.vault").doesNotContain("vectorflow.aws_sm");
    }

    @Test
    void aBackendCalledVectorflow_isRefused_insteadOfPointingItsReferencesElsewhere() {
        GraphImporter.ImportResult result = vector.importConfig(OWN_BACKENDS.replace("  vault:\n", "  vectorflow:\n"), Optional.empty());

        assertThat(result.problems()).extracting(Problem::toString).contains("ERROR secret.vectorflow: the secret backend 'vectorflow' is the one"
                + " VectorFlow's agent provides (SECRET[vectorflow.name] reads a secret of the environment); rename this backend and its references");
    }

    @Test
    void aDanglingInput_isKeptByTheRender_forVectorAndTheValidatorToReport() {
        PipelineGraph graph = PipelineGraph.of(List.of(
                PipelineComponent.of("in", ComponentKind.SOURCE, "demo_logs", Map.of("format", "json")),
                PipelineComponent.of("out", ComponentKind.SINK, "blackhole", Map.of())),
                List.of(Edge.of("in", "out"), Edge.of("gone", "out")));

        assertThat(vector.render(graph, ConfigFormat.YAML)).contains("    inputs:\n      - gone\n      - in\n");
        assertThat(vector.validate(graph)).extracting(Problem::toString).anySatisfy(p -> assertThat(p).contains("'gone'"));
    }

    @Test
    void importingARender_putsEveryComponentWhereItWas() {
        String config = """
                sources:
                  zeta: {type: demo_logs, format: json}
                  alpha: {type: demo_logs, format: json}
                  mid: {type: demo_logs, format: json}
                transforms:
                  z_parse: {type: remap, inputs: [zeta], source: .a = 1}
                  a_parse: {type: remap, inputs: [alpha, mid], source: .b = 2}
                sinks:
                  z_out: {type: blackhole, inputs: [z_parse]}
                  a_out: {type: blackhole, inputs: [a_parse, mid]}
                """;
        PipelineGraph first = imported(config).graph();

        for (ConfigFormat format : ConfigFormat.values()) {
            PipelineGraph again = imported(vector.render(first, format)).graph();
            assertThat(positions(again)).as("positions after importing the %s render", format).isEqualTo(positions(first));
        }
        assertThat(positions(first).get("a_parse").y()).isLessThan(positions(first).get("z_parse").y());
    }

    private static Map<String, PipelineComponent.Position> positions(PipelineGraph graph) {
        return graph.components().stream().collect(Collectors.toMap(c -> c.key().value(), c -> c.position().orElseThrow()));
    }

    @Test
    void environmentVariables_inNumbers_areReadFromTomlAndJson_andWrittenBareInEveryFormat() {
        String toml = """
                [sources.in]
                type = "demo_logs"
                format = "json"
                interval = ${DEMO_INTERVAL:-1.0}

                [sinks.out]
                type = "http"
                inputs = ["in"]
                uri = "https://${COLLECTOR}/ingest"
                encoding.codec = "json"
                batch.max_events = ${BATCH_EVENTS}
                # a comment with ${NOT_A_VALUE} stays a comment
                """;
        GraphImporter.ImportResult result = imported(toml);

        assertThat(result.graph().component(new ComponentKey("out")).orElseThrow().options().get("batch"))
                .isEqualTo(Map.of("max_events", "${BATCH_EVENTS}"));
        assertThat(errors(result.graph())).isEmpty();
        assertThat(EnvironmentVariables.of(result.graph())).containsExactly("BATCH_EVENTS", "COLLECTOR", "DEMO_INTERVAL");
        String yaml = roundTripsInEveryFormat(result.graph());
        assertThat(yaml).startsWith(EnvironmentVariables.HEADER_PREFIX + "BATCH_EVENTS, COLLECTOR, DEMO_INTERVAL\n")
                .contains("      max_events: ${BATCH_EVENTS}\n").contains("    interval: ${DEMO_INTERVAL:-1.0}\n")
                .contains("    uri: https://${COLLECTOR}/ingest\n");
        assertThat(vector.render(result.graph(), ConfigFormat.TOML)).contains("max_events = ${BATCH_EVENTS}\n")
                .contains("uri = \"https://${COLLECTOR}/ingest\"");
        assertThat(vector.render(result.graph(), ConfigFormat.JSON)).contains("\"max_events\": ${BATCH_EVENTS}")
                .doesNotStartWith("#");
        assertThat(imported("{\"sources\": {\"in\": {\"type\": \"demo_logs\", \"format\": \"json\", \"interval\": $DEMO_INTERVAL}},"
                + " \"sinks\": {\"out\": {\"type\": \"blackhole\", \"inputs\": [\"in\"]}}}").graph().component(new ComponentKey("in"))
                .orElseThrow().options()).containsEntry("interval", "$DEMO_INTERVAL");
    }

    @Test
    void anEnvironmentVariableInASecretOption_isNotTakenForALiteralSecret() {
        GraphImporter.ImportResult result = imported("""
                sources:
                  in: {type: demo_logs, format: json}
                sinks:
                  out:
                    type: splunk_hec_logs
                    inputs: [in]
                    endpoint: https://splunk:8088
                    default_token: ${SPLUNK_TOKEN}
                    encoding:
                      codec: json
                """);

        assertThat(result.movedSecrets()).isEmpty();
        assertThat(errors(result.graph())).isEmpty();
        assertThat(vector.render(result.graph(), ConfigFormat.YAML)).contains("default_token: ${SPLUNK_TOKEN}\n");
    }

    @Test
    void aU64BeyondWhatTomlHolds_isRenderedAsYamlAndJson_andTomlSaysWhy() {
        PipelineGraph graph = imported("sources:\n  in: {type: demo_logs, format: json}\nsinks:\n  out: {type: blackhole, inputs: [in],"
                + " rate: 18446744073709551615}\n").graph();

        assertThat(vector.render(graph, ConfigFormat.YAML)).contains("rate: 18446744073709551615\n");
        assertThatThrownBy(() -> vector.render(graph, ConfigFormat.TOML)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("TOML cannot hold the whole number 18446744073709551615 at sinks.out.rate");
    }

    @Test
    void aFiveMegabyteConfig_importsValidatesAndRenders() {
        String config = ConfigFixtures.remapChain(4000);
        assertThat(config.length()).isGreaterThan(5_000_000);

        GraphImporter.ImportResult result = imported(config);

        assertThat(result.graph().components()).hasSize(4002);
        assertThat(errors(result.graph())).isEmpty();
        assertThat(vector.render(result.graph(), ConfigFormat.YAML).length()).isGreaterThan(5_000_000);
    }
}
