package dev.vectorflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.adapter.vector.VectorPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFilesTest {

    static final String YAML = """
            # shipped by the platform team
            sources:
              in:
                type: demo_logs
                format: json
              more:
                type: demo_logs
                format: syslog
            sinks:
              out:
                type: http
                inputs: [in, more]
                uri: https://example.com/ingest
                encoding: {codec: json}
                auth: {strategy: basic, user: shipper, password: hunter2}
            """;

    /** The same pipeline: other format, other order of components, inputs and options, no comments. */
    static final String TOML = """
            [sinks.out]
            auth = { user = "shipper", strategy = "basic", password = "hunter2" }
            uri = "https://example.com/ingest"
            inputs = ["more", "in"]
            type = "http"
            encoding.codec = "json"

            [sources.more]
            format = "syslog"
            type = "demo_logs"

            [sources.in]
            type = "demo_logs"
            format = "json"
            """;

    @TempDir Path dir;
    private final PipelineFiles files = new PipelineFiles(VectorPipelines.withBundledCatalog());

    @Test
    void givenTheSamePipelineInAnotherFormatAndOrder_theNormalFormsAreEqual_andTheLiteralSecretIsItsReference() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), YAML);
        Files.writeString(dir.resolve("b.toml"), TOML);

        List<PipelineFiles.Desired> read = files.readDirectory(dir);

        assertThat(read).extracting(PipelineFiles.Desired::name).containsExactly("a", "b");
        assertThat(read.get(0).normalized()).isEqualTo(read.get(1).normalized())
                .contains("SECRET[vectorflow.out_auth_password]").doesNotContain("hunter2");
        assertThat(read.get(0).imported().movedSecrets()).singleElement().satisfies(m -> assertThat(m.secretName()).isEqualTo("out_auth_password"));
        assertThat(files.normalizedYaml(read.get(0).normalized())).as("a stored version reads back to itself").isEqualTo(read.get(0).normalized());
    }

    @Test
    void givenADirectoryWithAnInvalidFileAClashingNameAndABadName_everyProblemIsListed() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), YAML);
        Files.writeString(dir.resolve("Good.toml"), TOML);
        Files.writeString(dir.resolve("broken.yaml"), "sources:\n  in:\n    type: no_such_source\n");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        Files.writeString(dir.resolve(".hidden.yaml"), "ignored: [");

        assertThatThrownBy(() -> files.readDirectory(dir))
                .isInstanceOfSatisfying(CtlFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REFUSED))
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining("broken.yaml: error in.type: 'no_such_source' is not a source type")
                .hasMessageContaining("names the same pipeline as")
                .hasMessageNotContaining("notes.txt").hasMessageNotContaining(".hidden");
    }

    @Test
    void givenMoreFilesThanTheCap_theDirectoryIsRefused() throws Exception {
        for (int i = 0; i <= PipelineFiles.MAX_FILES; i++) {
            Files.writeString(dir.resolve("p" + i + ".yaml"), "");
        }

        assertThatThrownBy(() -> files.readDirectory(dir)).hasMessageContaining("more than 500 pipeline files");
    }
}
