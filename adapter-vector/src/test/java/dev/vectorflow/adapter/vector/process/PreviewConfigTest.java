package dev.vectorflow.adapter.vector.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules.PreviewConfig;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses.BatchRun;
import dev.vectorflow.standin.VectorStandin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throwaway config of a preview run, and running it once with the stand-in as the agent does. */
class PreviewConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PIPELINE = """
            data_dir: /var/lib/vector/p1
            timezone: UTC
            api: {enabled: true, address: "127.0.0.1:8686"}
            sources:
              app_logs: {type: kafka, bootstrap_servers: "k:9092", group_id: g, topics: [t], sasl: {password: "SECRET[vectorflow.kafka]"}}
              syslog: {type: syslog, mode: tcp, address: "0.0.0.0:514"}
            transforms:
              shape: {type: remap, inputs: [app_logs, syslog], source: ".env = \\"prod\\""}
              tagged: {type: remap, inputs: ["shap*"], source: "del(.host)"}
            sinks:
              es: {type: elasticsearch, inputs: [tagged], endpoints: ["https://es:9200"]}
              raw: {type: aws_s3, inputs: ["app_*"], bucket: b, region: r}
            tests:
              - name: t1
                inputs: [{insert_at: shape, type: log, log_fields: {message: x}}]
                outputs: []
            """;

    private final YamlVectorConfigRules rules = new YamlVectorConfigRules();

    @TempDir
    Path dir;

    @Test
    void givenAPipeline_previewConfig_readsOneStdinSourceAndWritesEachSinkToAFile() throws Exception {
        PreviewConfig preview = rules.previewConfig(PIPELINE, dir.toString(), id -> dir.resolve(id + ".json").toString(), List.of());

        JsonNode tree = YAML.readTree(preview.yaml());
        assertThat(preview.sinkIds()).containsExactly("es", "raw");
        assertThat(tree.path("data_dir").asText()).isEqualTo(dir.toString());
        assertThat(tree.path("timezone").asText()).isEqualTo("UTC");
        assertThat(tree.has("api")).as("no API").isFalse();
        assertThat(tree.has("tests")).as("no unit tests").isFalse();
        assertThat(tree.has("secret")).isFalse();
        assertThat(tree.path("sources").size()).isEqualTo(1);
        assertThat(tree.path("sources").path(VectorConfigRules.PREVIEW_SOURCE).path("type").asText()).isEqualTo("stdin");
        assertThat(tree.path("sources").path(VectorConfigRules.PREVIEW_SOURCE).path("decoding").path("codec").asText()).isEqualTo("json");
        assertThat(YAML.convertValue(tree.path("transforms").path("shape").path("inputs"), List.class)).containsExactly(VectorConfigRules.PREVIEW_SOURCE);
        assertThat(tree.path("transforms").path("shape").path("source").asText()).isEqualTo(".env = \"prod\"");
        assertThat(YAML.convertValue(tree.path("transforms").path("tagged").path("inputs"), List.class)).containsExactly("shap*");
        JsonNode es = tree.path("sinks").path("es");
        assertThat(es.path("type").asText()).isEqualTo("file");
        assertThat(es.path("path").asText()).isEqualTo(dir.resolve("es.json").toString());
        assertThat(es.path("encoding").path("codec").asText()).isEqualTo("json");
        assertThat(es.has("endpoints")).isFalse();
        assertThat(YAML.convertValue(tree.path("sinks").path("raw").path("inputs"), List.class))
                .as("a glob matching a source reads the preview source, and still matches what else it did")
                .containsExactly(VectorConfigRules.PREVIEW_SOURCE, "app_*");
    }

    @Test
    void givenASecretCommand_previewConfig_addsTheExecBackendTheSecretReferencesUse() throws Exception {
        PreviewConfig preview = rules.previewConfig(PIPELINE, dir.toString(), id -> id, List.of("/agent", "secrets", "--pipeline", "preview-1"));

        JsonNode backend = YAML.readTree(preview.yaml()).path("secret").path("vectorflow");
        assertThat(backend.path("type").asText()).isEqualTo("exec");
        assertThat(YAML.convertValue(backend.path("command"), List.class)).containsExactly("/agent", "secrets", "--pipeline", "preview-1");
    }

    @Test
    void givenAConfigWithoutSinks_previewConfig_isRefused() {
        assertThatThrownBy(() -> rules.previewConfig("sources:\n  a: {type: stdin}\n", dir.toString(), id -> id, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sink");
        assertThatThrownBy(() -> rules.previewConfig("- just a list", dir.toString(), id -> id, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenThePreviewConfig_runBatch_feedsTheEventsAndTheStandinWritesTheSinkFiles() throws Exception {
        String pipeline = """
                sources:
                  in: {type: demo_logs, format: json}
                transforms:
                  shape: {type: remap, inputs: [in], source: ".env = \\"prod\\""}
                sinks:
                  out: {type: blackhole, inputs: [shape]}
                """;
        PreviewConfig preview = rules.previewConfig(pipeline, dir.toString(), id -> dir.resolve(id + ".json").toString(), List.of());
        Path config = Files.writeString(dir.resolve("preview.yaml"), preview.yaml());
        LocalVectorProcesses vector = new LocalVectorProcesses(VectorStandin.launcher(), Duration.ofSeconds(30));

        BatchRun run = vector.runBatch(List.of(config), dir, "{\"message\":\"a\"}\n{\"message\":\"b\"}\n".getBytes(StandardCharsets.UTF_8),
                Map.of(), Duration.ofSeconds(60));

        assertThat(run.finished()).as(run.output()).isTrue();
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out.json")))
                .containsExactly("{\"message\":\"a\",\"env\":\"prod\"}", "{\"message\":\"b\",\"env\":\"prod\"}");
    }
}
