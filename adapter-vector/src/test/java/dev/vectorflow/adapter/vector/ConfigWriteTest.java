package dev.vectorflow.adapter.vector;

import static dev.vectorflow.adapter.vector.ConfigTrees.list;
import static dev.vectorflow.adapter.vector.ConfigTrees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.ports.contract.VectorConfigCodecContract;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigWriteTest extends VectorConfigCodecContract {

    @Override
    protected VectorConfigCodec codec() {
        return codec;
    }

    private final JacksonVectorConfigCodec codec = new JacksonVectorConfigCodec();

    @Test
    void yaml_isBlockStyleWithoutDocumentMarker_andVrlAsALiteralBlock() {
        assertThat(codec.write(ConfigTrees.smallPipeline(), ConfigFormat.YAML)).isEqualTo("""
                sources:
                  app_logs:
                    type: file
                    include:
                      - /var/log/app/*.log
                transforms:
                  parse:
                    type: remap
                    inputs:
                      - app_logs
                    source: |
                      . = parse_json!(string!(.message))
                      .level = downcase(string(.level) ?? "info")
                      if match(string!(.path), r'^/api/v\\d+/') {
                        .api = true
                      }
                  by_level:
                    type: route
                    inputs:
                      - parse
                    route:
                      errors: .level == "error"
                sinks:
                  out:
                    type: console
                    inputs:
                      - by_level.errors
                    encoding:
                      codec: json
                """);
    }

    @Test
    void toml_usesComponentTablesAndSubTables_andVrlAsALiteralBlock() {
        assertThat(codec.write(ConfigTrees.smallPipeline(), ConfigFormat.TOML)).isEqualTo("""
                [sources.app_logs]
                type = "file"
                include = ["/var/log/app/*.log"]

                [transforms.parse]
                type = "remap"
                inputs = ["app_logs"]
                source = '''
                . = parse_json!(string!(.message))
                .level = downcase(string(.level) ?? "info")
                if match(string!(.path), r'^/api/v\\d+/') {
                  .api = true
                }
                '''

                [transforms.by_level]
                type = "route"
                inputs = ["parse"]

                [transforms.by_level.route]
                errors = '.level == "error"'

                [sinks.out]
                type = "console"
                inputs = ["by_level.errors"]

                [sinks.out.encoding]
                codec = "json"
                """);
    }

    @Test
    void json_isPrettyWithTwoSpaces() {
        assertThat(codec.write(map("sources", map("in", map("type", "stdin")), "sinks", map("out",
                map("type", "console", "inputs", list("in"), "encoding", map("codec", "text"), "buffer", map(), "tags", list()))), ConfigFormat.JSON))
                .isEqualTo("""
                        {
                          "sources": {
                            "in": {
                              "type": "stdin"
                            }
                          },
                          "sinks": {
                            "out": {
                              "type": "console",
                              "inputs": [
                                "in"
                              ],
                              "encoding": {
                                "codec": "text"
                              },
                              "buffer": {},
                              "tags": []
                            }
                          }
                        }
                        """);
    }

    @Test
    void toml_writesGlobalValuesFirst_thenTables_andListsOfObjectsAsArraysOfTables() {
        Map<String, Object> tree = map(
                "api", map("enabled", true),
                "data_dir", "/var/lib/vector/",
                "transforms", map("counts", map("type", "log_to_metric", "inputs", list("in"), "metrics", list(
                        map("type", "counter", "field", "status", "tags", map("status", "{{ status }}")),
                        map("type", "gauge", "field", "bytes")), "drop", false)));

        assertThat(codec.write(tree, ConfigFormat.TOML)).isEqualTo("""
                data_dir = "/var/lib/vector/"

                [api]
                enabled = true

                [transforms.counts]
                type = "log_to_metric"
                inputs = ["in"]
                drop = false

                [[transforms.counts.metrics]]
                type = "counter"
                field = "status"

                [transforms.counts.metrics.tags]
                status = "{{ status }}"

                [[transforms.counts.metrics]]
                type = "gauge"
                field = "bytes"
                """);
    }

    @Test
    void toml_quotesKeysThatAreNotBare_andLeavesNullsOut() {
        assertThat(codec.write(map("sources", map("in", map("type", "demo_logs", "unset", null, "lines", list("a", "b"),
                "labels", map("host.name", "x", "ü", 1L, "nested", map("mixed", list(map("k", "v"), 2L)))))), ConfigFormat.TOML))
                .isEqualTo("""
                        [sources.in]
                        type = "demo_logs"
                        lines = ["a", "b"]

                        [sources.in.labels]
                        "host.name" = "x"
                        "ü" = 1

                        [sources.in.labels.nested]
                        mixed = [{ k = "v" }, 2]
                        """);
    }

    @Test
    void toml_fallsBackToABasicBlock_whenALiteralBlockCannotHoldTheText() {
        String text = codec.write(map("a", "it's '''quoted'''\nnext", "b", "first\nends with quote'", "c", "cr\r\nlf"), ConfigFormat.TOML);

        assertThat(text).isEqualTo("""
                a = \"""
                it's '''quoted'''
                next\"""
                b = \"""
                first
                ends with quote'\"""
                c = \"""
                cr\\r
                lf\"""
                """);
    }

    @Test
    void yaml_quotesStringsThatWouldReadBackAsAnotherType_andOnlyThose() {
        String text = codec.write(map("a", "true", "b", "123", "c", "null", "d", "", "e", "yes", "f", "12:30", "g", "{{ host }}",
                "h", "plain text", "i", "/var/log/*.log", "j", "by_level.errors", "k", "1.5", "l", "~"), ConfigFormat.YAML);

        assertThat(text).isEqualTo("""
                a: "true"
                b: "123"
                c: "null"
                d: ""
                e: "yes"
                f: "12:30"
                g: "{{ host }}"
                h: plain text
                i: /var/log/*.log
                j: by_level.errors
                k: "1.5"
                l: "~"
                """);
    }

    @Test
    void yaml_writesNumbersSoThatYaml11And12ReadersAgree() {
        assertThat(codec.write(map("a", Double.POSITIVE_INFINITY, "b", Double.NEGATIVE_INFINITY, "c", Double.NaN, "d", 0.5,
                "e", 1.0e21, "f", -2.5e-7, "g", 42L, "h", -1L), ConfigFormat.YAML))
                .isEqualTo("a: .inf\nb: -.inf\nc: .nan\nd: 0.5\ne: 1.0E+21\nf: -2.5E-7\ng: 42\nh: -1\n");
    }

    @Test
    void yaml_keepsVrlWithTabsAndTrailingSpacesAsALiteralBlock() {
        assertThat(codec.write(map("source", "if .a {\n\t.b = 1 \n}\n"), ConfigFormat.YAML))
                .isEqualTo("source: |\n  if .a {\n  \t.b = 1 \n  }\n");
    }

    @Test
    void yaml_literalBlocksKeepLeadingSpacesAndExactTrailingLineBreaks() {
        assertThat(codec.write(map("a", "  x\ny", "b", "x\n\n", "c", "x\ny\n"), ConfigFormat.YAML))
                .isEqualTo("a: |2-\n    x\n  y\nb: |+\n  x\n\nc: |\n  x\n  y\n");
        assertThat(codec.write(map("crlf", "a\r\nb"), ConfigFormat.YAML)).isEqualTo("crlf: \"a\\r\\nb\"\n");
    }

    @Test
    void yaml_writesListsOfObjectsAndNestedListsCompactly() {
        assertThat(codec.write(map("transforms", map("counts", map("metrics", list(
                map("type", "counter", "tags", map("status", "{{ status }}")), map("type", "gauge")),
                "matrix", list(list(1L, 2L), list()), "none", map()))), ConfigFormat.YAML))
                .isEqualTo("""
                        transforms:
                          counts:
                            metrics:
                              - type: counter
                                tags:
                                  status: "{{ status }}"
                              - type: gauge
                            matrix:
                              - - 1
                                - 2
                              - []
                            none: {}
                        """);
        assertThat(codec.write(map(), ConfigFormat.YAML)).isEqualTo("{}\n");
    }

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void theSameTree_givesByteIdenticalText(ConfigFormat format) {
        String first = codec.write(ConfigTrees.representative(), format);
        String second = new JacksonVectorConfigCodec().write(ConfigTrees.representative(), format);

        assertThat(second).isEqualTo(first);
        assertThat(first).endsWith("\n").doesNotEndWith("\n\n").doesNotStartWith("---");
    }

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void mapsAreWrittenInTheirIterationOrder(ConfigFormat format) {
        Map<String, Object> zFirst = map("sinks", map("z_sink", map("type", "blackhole", "inputs", list("a")),
                "a_sink", map("type", "blackhole", "inputs", list("a"))));

        String text = codec.write(zFirst, format);

        assertThat(text.indexOf("z_sink")).isLessThan(text.indexOf("a_sink"));
        Map<?, ?> sinks = (Map<?, ?>) codec.read(text, Optional.of(format)).get("sinks");
        assertThat(sinks.keySet().stream().map(String::valueOf).toList()).containsExactly("z_sink", "a_sink");
    }

    @ParameterizedTest
    @EnumSource(ConfigFormat.class)
    void valuesOutsideTheContract_areAProgrammingError(ConfigFormat format) {
        assertThatThrownBy(() -> codec.write(map("sources", map("in", map("since", Instant.EPOCH))), format))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sources.in.since");
    }

    @Test
    void formatLimits_areAProgrammingError() {
        assertThatThrownBy(() -> codec.write(map("a", list("x", null)), ConfigFormat.TOML))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a[1]");
        assertThatThrownBy(() -> codec.write(map("a", Double.NaN), ConfigFormat.JSON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
    }
}
