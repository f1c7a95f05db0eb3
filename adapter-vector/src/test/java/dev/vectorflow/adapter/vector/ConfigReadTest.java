package dev.vectorflow.adapter.vector;

import static dev.vectorflow.adapter.vector.ConfigTrees.list;
import static dev.vectorflow.adapter.vector.ConfigTrees.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import java.math.BigInteger;

class ConfigReadTest {

    private final JacksonVectorConfigCodec codec = new JacksonVectorConfigCodec();

    static final String YAML_CONFIG = """
            # App logs: parse, split by level, errors to Loki, the rest to S3.
            data_dir: /var/lib/vector
            api:
              enabled: true
              address: "127.0.0.1:8686"

            sources:
              app_logs:
                type: file
                include:
                  - /var/log/app/*.log
                exclude: []
                read_from: beginning
                ignore_older_secs: 86400

            transforms:
              parse:
                type: remap
                inputs: [app_logs]
                source: |
                  . = parse_json!(.message)
                  .level = downcase(string!(.level))
                  if .status >= 500 {
                    .severity = "high"
                  }
                drop_on_error: false
              by_level:
                type: route
                inputs:
                  - parse
                route:
                  errors: '.level == "error"'
                  warnings: .level == "warn"

            sinks:
              loki:
                type: loki
                inputs:
                  - by_level.errors
                  - by_level.warnings
                endpoint: http://loki:3100
                labels:
                  app: "{{ app }}"
                  env: production
                encoding:
                  codec: json
                auth:
                  strategy: basic
                  user: vector
                  password: SECRET[loki_password]
              archive:
                type: aws_s3
                inputs: ["by_level._unmatched"]
                bucket: logs-archive
                key_prefix: "date=%F/"
                compression: gzip
                batch:
                  max_bytes: 10000000
                  timeout_secs: 300.5
                healthcheck: false
            """;

    static final String TOML_CONFIG = """
            # stdin and internal metrics, cleaned, to the console and Prometheus
            [sources.in]
            type = "stdin"

            [sources.metrics]
            type = "internal_metrics"
            scrape_interval_secs = 15

            [transforms.clean]
            type = "remap"
            inputs = ["in"]
            source = '''
            del(.password)
            .message = replace(string!(.message), r'\\s+', " ")
            '''

            [transforms.counts]
            type = "log_to_metric"
            inputs = ["clean"]

            [[transforms.counts.metrics]]
            type = "counter"
            field = "status"
            name = "responses_total"
            tags = { status = "{{ status }}", host = "{{ host }}" }

            [sinks.out]
            type = "console"
            inputs = ["clean"]
            encoding.codec = "text"

            [sinks.prom]
            type = "prometheus_exporter"
            inputs = ["metrics", "counts"]
            address = "127.0.0.1:9598"
            flush_period_secs = 60

            [sinks.prom.buffer]
            type = "memory"
            max_events = 500
            when_full = "block"
            """;

    static final String JSON_CONFIG = """
              {
              "sources": {
                "syslog_in": {"type": "syslog", "mode": "tcp", "address": "0.0.0.0:514"}
              },
              "transforms": {
                "sample": {"type": "sample", "inputs": ["syslog_in"], "rate": 10,
                           "exclude": {"type": "vrl", "source": ".severity == \\"emerg\\""}}
              },
              "sinks": {
                "es": {
                  "type": "elasticsearch",
                  "inputs": ["sample"],
                  "endpoints": ["https://es:9200"],
                  "bulk": {"index": "syslog-%Y.%m.%d"},
                  "request": {"retry_attempts": 5, "timeout_secs": 60.0},
                  "tls": {"verify_certificate": true, "ca_file": null}
                }
              }
            }
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> tree, String... path) {
        Map<String, Object> node = tree;
        for (String key : path) {
            node = (Map<String, Object>) node.get(key);
        }
        return node;
    }

    @Test
    void aYamlConfig_isReadInItsOwnKeyOrder_withPlainValues() {
        Map<String, Object> tree = codec.read(YAML_CONFIG, Optional.of(ConfigFormat.YAML));

        assertThat(tree.keySet()).containsExactly("data_dir", "api", "sources", "transforms", "sinks");
        assertThat(at(tree, "api")).isEqualTo(map("enabled", true, "address", "127.0.0.1:8686"));
        assertThat(at(tree, "sources", "app_logs")).isEqualTo(map("type", "file", "include", List.of("/var/log/app/*.log"),
                "exclude", List.of(), "read_from", "beginning", "ignore_older_secs", 86400L));
        assertThat(at(tree, "transforms").keySet()).containsExactly("parse", "by_level");
        assertThat(at(tree, "transforms", "parse").get("source")).isEqualTo("""
                . = parse_json!(.message)
                .level = downcase(string!(.level))
                if .status >= 500 {
                  .severity = "high"
                }
                """);
        assertThat(at(tree, "transforms", "parse").get("inputs")).isEqualTo(List.of("app_logs"));
        assertThat(at(tree, "transforms", "by_level", "route")).containsExactly(
                Map.entry("errors", ".level == \"error\""), Map.entry("warnings", ".level == \"warn\""));
        Map<String, Object> loki = at(tree, "sinks", "loki");
        assertThat(loki.get("inputs")).isEqualTo(List.of("by_level.errors", "by_level.warnings"));
        assertThat(at(loki, "labels")).isEqualTo(map("app", "{{ app }}", "env", "production"));
        assertThat(at(loki, "auth").get("password")).isEqualTo("SECRET[loki_password]");
        Map<String, Object> archive = at(tree, "sinks", "archive");
        assertThat(archive.get("inputs")).isEqualTo(List.of("by_level._unmatched"));
        assertThat(at(archive, "batch")).isEqualTo(map("max_bytes", 10000000L, "timeout_secs", 300.5));
        assertThat(archive.get("healthcheck")).isEqualTo(false);
    }

    @Test
    void aTomlConfig_isReadWithTablesArraysOfTablesAndDottedKeys() {
        Map<String, Object> tree = codec.read(TOML_CONFIG, Optional.of(ConfigFormat.TOML));

        assertThat(tree.keySet()).containsExactly("sources", "transforms", "sinks");
        assertThat(at(tree, "sources").keySet()).containsExactly("in", "metrics");
        assertThat(at(tree, "sources", "metrics").get("scrape_interval_secs")).isEqualTo(15L);
        assertThat(at(tree, "transforms", "clean")).isEqualTo(map("type", "remap", "inputs", List.of("in"),
                "source", "del(.password)\n.message = replace(string!(.message), r'\\s+', \" \")\n"));
        assertThat(at(tree, "transforms", "counts").get("metrics")).isEqualTo(List.of(map("type", "counter", "field", "status",
                "name", "responses_total", "tags", map("status", "{{ status }}", "host", "{{ host }}"))));
        assertThat(at(tree, "sinks", "out")).isEqualTo(map("type", "console", "inputs", List.of("clean"), "encoding", map("codec", "text")));
        assertThat(at(tree, "sinks", "prom", "buffer")).isEqualTo(map("type", "memory", "max_events", 500L, "when_full", "block"));
        assertThat(at(tree, "sinks", "prom").get("inputs")).isEqualTo(List.of("metrics", "counts"));
    }

    @Test
    void aJsonConfig_keepsNullsAndTellsWholeFromDecimalNumbers() {
        Map<String, Object> tree = codec.read(JSON_CONFIG, Optional.of(ConfigFormat.JSON));

        assertThat(at(tree, "transforms", "sample").get("rate")).isEqualTo(10L);
        assertThat(at(tree, "transforms", "sample", "exclude")).isEqualTo(map("type", "vrl", "source", ".severity == \"emerg\""));
        assertThat(at(tree, "sinks", "es", "request")).isEqualTo(map("retry_attempts", 5L, "timeout_secs", 60.0));
        assertThat(at(tree, "sinks", "es", "tls")).containsEntry("ca_file", null).containsEntry("verify_certificate", true);
    }

    @Test
    void withoutAFormat_eachExampleIsDetected() {
        assertThat(codec.readDetected(YAML_CONFIG).format()).isEqualTo(ConfigFormat.YAML);
        assertThat(codec.readDetected(TOML_CONFIG).format()).isEqualTo(ConfigFormat.TOML);
        assertThat(codec.readDetected(JSON_CONFIG).format()).isEqualTo(ConfigFormat.JSON);
        assertThat(codec.read(TOML_CONFIG, Optional.empty())).isEqualTo(codec.read(TOML_CONFIG, Optional.of(ConfigFormat.TOML)));
    }

    @Test
    void detection_isNotMisledByVrlAssignmentsInYamlOrColonsInTomlStrings() {
        String yamlWithAssignments = """
                transforms:
                  fix:
                    type: remap
                    inputs: [in]
                    source: |
                      .a = 1
                      [sources.fake] = 2
                """;
        String tomlWithColons = """
                data_dir = "/tmp/vector"

                [transforms.fix]
                type = "remap"
                inputs = ["in"]
                source = '''
                key: value
                - item
                '''
                """;

        assertThat(codec.readDetected(yamlWithAssignments).format()).isEqualTo(ConfigFormat.YAML);
        assertThat(codec.readDetected(tomlWithColons).format()).isEqualTo(ConfigFormat.TOML);
        assertThat(at(codec.readDetected(tomlWithColons).tree(), "transforms", "fix").get("source")).isEqualTo("key: value\n- item\n");
    }

    @Test
    void detection_handlesOtherFirstLines() {
        assertThat(codec.readDetected("sources.in.type = \"stdin\"\n").format()).isEqualTo(ConfigFormat.TOML);
        assertThat(codec.readDetected("[[sources]]\nx = 1\n").format()).isEqualTo(ConfigFormat.TOML);
        assertThat(codec.readDetected("---\nsources:\n  in:\n    type: stdin\n").format()).isEqualTo(ConfigFormat.YAML);
        assertThat(codec.readDetected("\uFEFF\n  \n{\"sources\": {}}").format()).isEqualTo(ConfigFormat.JSON);
        assertThat(codec.readDetected("\uFEFF# comment\nsources: {}\n").format()).isEqualTo(ConfigFormat.YAML);
        assertThat(codec.readDetected("api:\n  enabled: true\n").tree()).isEqualTo(map("api", map("enabled", true)));
    }

    @Test
    void yamlScalars_areTypedAsVectorTypesThem() {
        Map<String, Object> tree = codec.read("""
                a: yes
                b: on
                c: True
                d: 0x1F
                e: 1_000
                f: .inf
                g: 99999999999999999999
                h: ~
                i: null
                j: "123"
                k: 1e3
                l: -7
                m: 12:30
                n: 0o17
                o: .NaN
                p: ''
                """, Optional.of(ConfigFormat.YAML));

        assertThat(tree.get("a")).isEqualTo("yes");
        assertThat(tree.get("b")).isEqualTo("on");
        assertThat(tree.get("c")).isEqualTo(true);
        assertThat(tree.get("d")).isEqualTo(31L);
        assertThat(tree.get("e")).isEqualTo("1_000");
        assertThat(tree.get("f")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(tree.get("g")).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(tree).containsEntry("h", null).containsEntry("i", null).containsEntry("p", "");
        assertThat(tree.get("j")).isEqualTo("123");
        assertThat(tree.get("k")).isEqualTo(1000.0);
        assertThat(tree.get("l")).isEqualTo(-7L);
        assertThat(tree.get("m")).isEqualTo("12:30");
        assertThat(tree.get("o")).isEqualTo(Double.NaN);
    }

    @Test
    void bigWholeNumbers_areNumbersWithEveryDigit_inEveryFormat() {
        BigInteger u64Max = new BigInteger("18446744073709551615");
        assertThat(codec.read("{\"n\": 18446744073709551615}", Optional.of(ConfigFormat.JSON))).containsEntry("n", u64Max);
        assertThat(codec.read("n = 18446744073709551615\n", Optional.of(ConfigFormat.TOML))).containsEntry("n", u64Max);
        assertThat(codec.read("n: 18446744073709551615\n", Optional.of(ConfigFormat.YAML))).containsEntry("n", u64Max);
        assertThat(codec.read("n: 9223372036854775807\n", Optional.of(ConfigFormat.YAML))).containsEntry("n", Long.MAX_VALUE);
    }

    @Test
    void anEmptyYamlValue_isAnErrorNamingEveryLine_asVectorRefusesIt() {
        String text = """
                sources:
                  in:
                    type: file
                    include:
                    read_from:
                sinks:
                  out:
                    type: console
                    inputs: [in]
                    encoding:
                      codec:
                """;

        assertThat(failure(text, Optional.of(ConfigFormat.YAML)).problem()).isEqualTo("has 3 empty values (a key with nothing after it),"
                + " which Vector refuses (invalid type: unit value): line 4 (sources.in.include), line 5 (sources.in.read_from),"
                + " line 11 (sinks.out.encoding.codec); give each a value or remove the key");
        assertThat(codec.read("a: ''\nb: null\nc: ~\n", Optional.of(ConfigFormat.YAML))).containsEntry("a", "").containsEntry("b", null)
                .containsEntry("c", null);
    }

    @Test
    void yamlMergeKeys_areApplied_writtenKeysWinningOverMergedOnes() {
        Map<String, Object> tree = codec.read("""
                x-http: &http
                  type: http
                  method: post
                  encoding:
                    codec: json
                x-tls: &tls
                  tls:
                    verify_certificate: false
                  method: put
                sinks:
                  a:
                    <<: *http
                    uri: http://a
                  b:
                    <<: [*tls, *http]
                    uri: http://b
                    method: patch
                """, Optional.of(ConfigFormat.YAML));

        assertThat(at(tree, "sinks", "a")).isEqualTo(map("type", "http", "method", "post", "encoding", map("codec", "json"), "uri", "http://a"));
        Map<String, Object> b = at(tree, "sinks", "b");
        assertThat(b).containsEntry("type", "http").containsEntry("method", "patch").containsEntry("uri", "http://b")
                .containsEntry("tls", map("verify_certificate", false)).doesNotContainKey("<<");
    }

    @Test
    void aMergeKeyOfSomethingElseThanMappings_isAnError() {
        assertThat(failure("x: &s text\na:\n  <<: *s\n", Optional.of(ConfigFormat.YAML)).problem())
                .isEqualTo("is not valid YAML at line 3, column 7: a merge key (<<) takes a mapping or a list of mappings");
    }

    @Test
    void yamlAnchorsOnSingleValues_areResolved() {
        Map<String, Object> tree = codec.read("a: &uri http://collector:8080\nb: *uri\nn: &n 42\nm: *n\nq: &q '007'\nr: *q\n",
                Optional.of(ConfigFormat.YAML));

        assertThat(tree).containsEntry("b", "http://collector:8080").containsEntry("m", 42L).containsEntry("r", "007");
    }

    @Test
    void yamlAnchorsAndAliases_areExpandedIntoIndependentCopies() {
        Map<String, Object> tree = codec.read("""
                x-common: &tls
                  verify_certificate: true
                  ca_file: /etc/ssl/ca.pem
                sinks:
                  a:
                    type: http
                    tls: *tls
                  b:
                    type: http
                    tls: *tls
                """, Optional.of(ConfigFormat.YAML));

        Map<String, Object> a = at(tree, "sinks", "a", "tls");
        Map<String, Object> b = at(tree, "sinks", "b", "tls");
        assertThat(a).isEqualTo(map("verify_certificate", true, "ca_file", "/etc/ssl/ca.pem")).isEqualTo(b).isNotSameAs(b);
    }

    private InvalidValueException failure(String text, Optional<ConfigFormat> format) {
        InvalidValueException e = catchThrowableOfType(InvalidValueException.class, () -> codec.read(text, format));
        assertThat(e).as("reading %s as %s must fail", text, format).isNotNull();
        assertThat(e.field()).isEqualTo("config");
        return e;
    }

    @Test
    void garbage_isNotAConfig() {
        assertThat(failure("this is not a config", Optional.empty()).problem())
                .isEqualTo("must be a mapping of keys (sources, transforms, sinks, ...) but this YAML holds a single text value at line 1, column 1");
        assertThat(failure("@@@ {{{", Optional.empty()).problem()).startsWith("is not valid YAML at line 1, column 1:");
    }

    @Test
    void emptyText_isRejectedInEveryFormat() {
        for (String empty : List.of("", "   \n\t\n", "# only a comment\n\n  # and another\n")) {
            assertThat(failure(empty, Optional.empty()).problem()).startsWith("is empty");
            assertThat(failure(empty, Optional.of(ConfigFormat.TOML)).problem()).startsWith("is empty");
            assertThat(failure(empty, Optional.of(ConfigFormat.YAML)).problem()).startsWith("is empty");
        }
        assertThat(failure(" ", Optional.of(ConfigFormat.JSON)).problem()).startsWith("is empty");
        assertThat(failure("---\n", Optional.of(ConfigFormat.YAML)).problem()).startsWith("is empty");
    }

    @Test
    void aYamlListAtTheTopLevel_isRejected() {
        assertThat(failure("- type: stdin\n- type: console\n", Optional.empty()).problem())
                .isEqualTo("must be a mapping of keys (sources, transforms, sinks, ...) but this YAML holds a list at line 1, column 1");
        assertThat(failure("[1, 2]", Optional.of(ConfigFormat.JSON)).problem()).contains("JSON holds a list");
    }

    @Test
    void brokenToml_namesTheLine() {
        String broken = """
                [sources.in]
                type = "file"
                include = ["/var/log/*.log"
                read_from = "beginning"
                """;

        assertThat(failure(broken, Optional.empty()).problem()).startsWith("is not valid TOML at line 4");
        assertThat(failure(broken, Optional.of(ConfigFormat.TOML)).problem()).startsWith("is not valid TOML at line 4");
        assertThat(failure("[sources.in]\ntype = \n", Optional.empty()).problem()).startsWith("is not valid TOML at line 2");
    }

    @Test
    void brokenYaml_namesTheLineOfTheProblem() {
        String broken = """
                sources:
                  in:
                    type: file
                   include: x
                """;

        InvalidValueException e = failure(broken, Optional.empty());
        assertThat(e.problem()).startsWith("is not valid YAML at line 4, column 4:").doesNotContain("\n").doesNotContain("reader");
        assertThat(failure("sources:\n\tin: {}\n", Optional.of(ConfigFormat.YAML)).problem()).startsWith("is not valid YAML at line 2, column 1:");
        assertThat(failure("a: [1, 2\nb: c\n", Optional.of(ConfigFormat.YAML)).problem()).contains("line 2");
    }

    @Test
    void brokenJson_namesTheLine() {
        assertThat(failure("{\n  \"sources\": {\n    \"in\": {\"type\": \"stdin\",}\n  }\n}", Optional.empty()).problem())
                .startsWith("is not valid JSON at line 3").doesNotContain("Source: ");
        assertThat(failure("{\"sources\": {}", Optional.of(ConfigFormat.JSON)).problem()).startsWith("is not valid JSON at line 1");
        assertThat(failure("{\"a\": 1}\n{\"b\": 2}", Optional.of(ConfigFormat.JSON)).problem())
                .isEqualTo("is not valid JSON at line 2, column 1: there is more content after the end of the top-level object");
    }

    @Test
    void aKeyGivenTwice_isAnErrorAsInVector() {
        assertThat(failure("sinks:\n  out:\n    type: console\n  out:\n    type: blackhole\n", Optional.empty()).problem())
                .isEqualTo("is not valid YAML at line 4, column 3: the key 'out' appears twice in the same mapping");
        assertThat(failure("{\"a\": 1, \"a\": 2}", Optional.of(ConfigFormat.JSON)).problem()).contains("the key 'a' appears twice");
        assertThat(failure("[sinks.out]\ntype = \"console\"\n\n[sinks.out]\ntype = \"blackhole\"\n", Optional.empty()).problem())
                .startsWith("is not valid TOML at line");
    }

    @Test
    void aSecondYamlDocument_isAnError() {
        assertThat(failure("sources: {}\n---\nsinks: {}\n", Optional.of(ConfigFormat.YAML)).problem())
                .isEqualTo("is not valid YAML at line 2, column 1: a second document starts here; Vector reads one document per file");
    }

    @Test
    void anUndefinedYamlAlias_isAnError() {
        assertThat(failure("sinks:\n  a:\n    tls: *nowhere\n", Optional.of(ConfigFormat.YAML)).problem())
                .startsWith("is not valid YAML at line 3").contains("'*nowhere'");
    }

    @Test
    void anExplicitFormat_isNotSecondGuessed() {
        assertThat(failure(YAML_CONFIG, Optional.of(ConfigFormat.TOML)).problem()).startsWith("is not valid TOML at line 2");
        assertThat(failure(TOML_CONFIG, Optional.of(ConfigFormat.JSON)).problem()).startsWith("is not valid JSON at line 1, column 1");
        assertThat(failure("{sources: {in: {type: stdin}}}\n", Optional.empty()).problem()).startsWith("is not valid JSON at line 1");
    }

    @Test
    void theMessageNamesTheConfigField() {
        assertThatThrownBy(() -> codec.read("- a", Optional.empty()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("'config' must be a mapping");
        assertThat(codec.read("a: [1, {b: [true, null]}]\n", Optional.empty())).isEqualTo(map("a", list(1L, map("b", list(true, null)))));
    }
}
