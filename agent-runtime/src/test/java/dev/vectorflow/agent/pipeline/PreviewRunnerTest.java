package dev.vectorflow.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.vector.process.LocalVectorProcesses;
import dev.vectorflow.adapter.vector.process.YamlVectorConfigRules;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewResult;
import dev.vectorflow.standin.VectorStandin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's preview runs: two throwaway Vectors (the stand-in here) on the same events, their sink files read back, nothing left behind. */
class PreviewRunnerTest {

    @TempDir
    Path dir;

    private static PipelineConfig config(String remap) {
        String yaml = """
                api: {enabled: true, address: "127.0.0.1:8686"}
                sources:
                  app: {type: http_server, address: "0.0.0.0:8080", decoding: {codec: json}}
                transforms:
                  shape: {type: remap, inputs: [app], source: %s}
                sinks:
                  es: {type: elasticsearch, inputs: [shape], endpoints: ["https://es:9200"]}
                """.formatted("\"" + remap.replace("\"", "\\\"") + "\"");
        return new PipelineConfig("p1", "p1", 1, "c", "info", yaml, Map.of(), List.of());
    }

    private PreviewRunner runner(Duration timeout) {
        return new PreviewRunner(new LocalVectorProcesses(VectorStandin.launcher(), Duration.ofSeconds(30)), new YamlVectorConfigRules(),
                new SecretVault(), dir.resolve("previews"), List.of(), timeout);
    }

    @Test
    void givenADraftThatAddsAField_run_reportsBothRunsOutputsPerSinkAndDeletesItsFiles() throws Exception {
        PreviewJob job = new PreviewJob("r1", "{\"message\":\"a\",\"vf_preview_seq\":0}\n{\"message\":\"b\",\"vf_preview_seq\":1}\n",
                config("del(.nothing)"), config(".env = \"prod\""));

        PreviewResult result = runner(Duration.ofSeconds(60)).run(job);

        assertThat(result.requestId()).isEqualTo("r1");
        assertThat(result.baseline().error()).as(result.baseline().log()).isNull();
        assertThat(result.baseline().sinks()).singleElement().satisfies(s -> {
            assertThat(s.sinkId()).isEqualTo("es");
            assertThat(s.events()).isEqualTo("{\"message\":\"a\",\"vf_preview_seq\":0}\n{\"message\":\"b\",\"vf_preview_seq\":1}\n");
        });
        assertThat(result.draft().sinks().getFirst().events())
                .isEqualTo("{\"message\":\"a\",\"vf_preview_seq\":0,\"env\":\"prod\"}\n{\"message\":\"b\",\"vf_preview_seq\":1,\"env\":\"prod\"}\n");
        try (Stream<Path> left = Files.list(dir.resolve("previews"))) {
            assertThat(left).as("the throwaway directories are gone").isEmpty();
        }
    }

    @Test
    void givenAConfigVectorRefuses_run_saysWhyForThatRun() {
        PipelineConfig broken = new PipelineConfig("p1", "p1", 1, "c", "info",
                "sources:\n  a: {type: http_server, address: \"0.0.0.0:1\"}\nsinks:\n  b: {type: console, inputs: [nowhere]}\n", Map.of(), List.of());

        PreviewResult result = runner(Duration.ofSeconds(60)).run(new PreviewJob("r2", "{}\n", config("del(.x)"), broken));

        assertThat(result.baseline().error()).isNull();
        assertThat(result.draft().error()).startsWith("Vector exited with code 78").contains("nowhere");
    }

    @Test
    void givenMoreEventsThanTheCap_read_keepsTheFirstHundredAndSaysItCut() throws Exception {
        Path file = dir.resolve("sink.json");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            lines.append("{\"i\":").append(i).append("}\n");
        }
        Files.writeString(file, lines);

        PreviewResult.SinkOutput out = PreviewRunner.read("s", file);

        assertThat(out.cut()).isTrue();
        assertThat(out.events().lines()).hasSize(PreviewRunner.MAX_EVENTS_PER_SINK).first().isEqualTo("{\"i\":0}");
    }
}
