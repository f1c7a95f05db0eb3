package dev.vectorflow.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's batch run for a {@code stdin} source (the agent's preview): its VRL subset, file sinks, and what it does not emulate. */
class StandinBatchTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private int run(String yaml, String ndjson) throws Exception {
        Path config = Files.writeString(dir.resolve("preview.yaml"), yaml);
        StandinConfig.Loaded loaded = StandinConfig.load(List.of(config), Map.of(), true, false);
        assertThat(loaded.ok()).as(loaded.firstError()).isTrue();
        return StandinBatch.run(loaded, new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private String config(String remap) {
        return """
                sources:
                  in: {type: stdin, decoding: {codec: json}}
                transforms:
                  shape:
                    type: remap
                    inputs: [in]
                    source: %s
                sinks:
                  out: {type: file, inputs: [shape], path: %s, encoding: {codec: json}}
                  raw: {type: file, inputs: [in], path: %s, encoding: {codec: json}}
                """.formatted(StandinConfig.JSON.valueToTree(remap).toString(), dir.resolve("out.json"), dir.resolve("raw.json"));
    }

    @Test
    void givenTheSubsetOfVrl_aBatchRun_assignsCopiesAndDeletesFieldsAndWritesEachFileSink() throws Exception {
        int code = run(config(".env = \"prod\"\n# a comment\n.copy = .message; del(.host)\n.kube.ns = 3"),
                "{\"message\":\"a\",\"host\":\"h\"}\n{\"message\":\"b\"}\n");

        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve("out.json"))).containsExactly(
                "{\"message\":\"a\",\"env\":\"prod\",\"copy\":\"a\",\"kube\":{\"ns\":3}}",
                "{\"message\":\"b\",\"env\":\"prod\",\"copy\":\"b\",\"kube\":{\"ns\":3}}");
        assertThat(Files.readAllLines(dir.resolve("raw.json"))).containsExactly("{\"message\":\"a\",\"host\":\"h\"}", "{\"message\":\"b\"}");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("All sources have finished. events=2");
    }

    @Test
    void givenVrlOutsideTheSubset_aBatchRun_passesEventsThroughUnchangedAndSaysSo() throws Exception {
        int code = run(config(".level = upcase(.level)"), "{\"level\":\"info\"}\n");

        assertThat(code).isZero();
        assertThat(Files.readAllLines(dir.resolve("out.json"))).containsExactly("{\"level\":\"info\"}");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("cannot emulate this VRL program").contains("component_id=shape");
    }

    @Test
    void aConfigWithAStdinSource_runsAsABatchFromTheCommandLine() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), config(".a = 1"));
        assertThat(StandinBatch.applies(StandinConfig.load(List.of(config), Map.of(), true, false))).isTrue();
        Path other = Files.writeString(dir.resolve("d.yaml"), "sources:\n  in: {type: demo_logs, format: json}\nsinks:\n"
                + "  out: {type: console, inputs: [in], encoding: {codec: json}}\n");
        assertThat(StandinBatch.applies(StandinConfig.load(List.of(other), Map.of(), true, false))).isFalse();
    }
}
