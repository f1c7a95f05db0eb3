package dev.vectorflow.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configs in the style people write them, imported with the real catalog, validated, rendered and read back. */
class RealConfigImportTest {

    private final VectorPipelines vector = VectorPipelines.withBundledCatalog();

    private static final String KUBERNETES_YAML = """
            # ship container logs, split errors off, keep metrics about ourselves
            data_dir: /var/lib/vector
            api:
              enabled: true
              address: 127.0.0.1:8686
            sources:
              k8s:
                type: kubernetes_logs
                extra_label_selector: "app!=vector"
              self:
                type: internal_metrics
                scrape_interval_secs: 15
            transforms:
              parse:
                type: remap
                inputs: [k8s]
                drop_on_error: true
                reroute_dropped: true
                source: |
                  . = merge(., parse_json!(string!(.message)))
                  .env = "prod"
              by_level:
                type: route
                inputs: [parse]
                route:
                  errors: '.level == "error"'
                  audit:
                    type: vrl
                    source: .kind == "audit"
            sinks:
              loki:
                type: loki
                inputs: [by_level._unmatched, by_level.audit]
                endpoint: http://loki:3100
                encoding:
                  codec: json
                labels:
                  app: "{{ kubernetes.pod_labels.app }}"
                  namespace: "{{ kubernetes.pod_namespace }}"
                out_of_order_action: accept
              es:
                type: elasticsearch
                inputs: [by_level.errors]
                endpoints: ["https://es:9200"]
                auth:
                  strategy: basic
                  user: vector
                  password: "SECRET[vectorflow.es_password]"
                bulk:
                  index: "errors-%Y.%m.%d"
              dead_letters:
                type: file
                inputs: [parse.dropped]
                path: /var/log/vector/dropped-%Y-%m-%d.log
                encoding:
                  codec: json
              prom:
                type: prometheus_exporter
                inputs: [self]
                address: 127.0.0.1:9598
            """;

    private static final String HOST_TOML = """
            [sources.host]
            type = "host_metrics"
            collectors = ["cpu", "memory", "filesystem"]
            scrape_interval_secs = 30

            [transforms.tag]
            type = "remap"
            inputs = ["host"]
            source = '''
            .tags.site = "eu-1"
            '''

            [sinks.metrics_out]
            type = "prometheus_remote_write"
            inputs = ["tag"]
            endpoint = "https://mimir.example.com/api/v1/push"

            [sinks.metrics_out.auth]
            strategy = "bearer"
            token = "a-literal-bearer-token"
            """;

    private static List<String> errors(List<Problem> problems) {
        return problems.stream().filter(Problem::isError).map(Problem::toString).toList();
    }

    @Test
    void aKubernetesLoggingConfigImportsValidatesAndRoundTrips() {
        GraphImporter.ImportResult imported = vector.importConfig(KUBERNETES_YAML, Optional.empty());

        assertThat(imported.problems()).isEmpty();
        assertThat(imported.graph().components()).hasSize(8);
        assertThat(errors(vector.validate(imported.graph()))).isEmpty();
        assertThat(imported.graph().globalOptions()).containsKeys("data_dir", "api");

        String yaml = vector.render(imported.graph(), ConfigFormat.YAML);
        assertThat(yaml).contains("SECRET[vectorflow.es_password]").contains("- by_level._unmatched").contains("- parse.dropped");
        GraphImporter.ImportResult again = vector.importConfig(yaml, Optional.of(ConfigFormat.YAML));
        assertThat(vector.render(again.graph(), ConfigFormat.YAML)).isEqualTo(yaml);
        String toml = vector.render(imported.graph(), ConfigFormat.TOML);
        assertThat(vector.render(vector.importConfig(toml, Optional.empty()).graph(), ConfigFormat.YAML)).isEqualTo(yaml);
    }

    @Test
    void aTomlMetricsConfigImports_andItsLiteralTokenBecomesASecret() {
        GraphImporter.ImportResult imported = vector.importConfig(HOST_TOML, Optional.empty());

        assertThat(imported.problems()).isEmpty();
        assertThat(imported.movedSecrets()).singleElement().satisfies(m -> {
            assertThat(m.secretName()).isEqualTo("metrics_out_auth_token");
            assertThat(m.optionPath()).isEqualTo("auth.token");
        });
        assertThat(errors(vector.validate(imported.graph()))).isEmpty();
        assertThat(vector.render(imported.graph(), ConfigFormat.TOML)).contains("SECRET[vectorflow.metrics_out_auth_token]")
                .doesNotContain("a-literal-bearer-token");
    }
}
