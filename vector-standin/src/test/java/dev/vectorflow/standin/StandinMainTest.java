package dev.vectorflow.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's command line as Vector 0.57 answers it (validate lines and exit codes, version, flags). */
class StandinMainTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return runWith(Map.of(), args);
    }

    private int runWith(Map<String, String> env, String... args) {
        return StandinMain.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void version_isVectorsFormat() {
        assertThat(run("--version")).isZero();
        assertThat(out().strip()).matches("^vector (\\S+) \\((\\S+)(?: (\\S+) (.*?))?\\)$").startsWith("vector 0.57.0 (x86_64-unknown-linux-gnu");
    }

    @Test
    void aValidConfigSplitOverTwoFiles_isValidated() throws Exception {
        Path a = file("a.yaml", "sources:\n  in: {type: demo_logs, format: json}\n");
        Path b = file("b.yaml", "sinks:\n  out: {type: console, inputs: [in], encoding: {codec: json}}\n");

        assertThat(run("validate", "--no-environment", a.toString(), b.toString())).isZero();
        assertThat(out()).contains("√ Loaded").contains("√ Component configuration").contains("Validated");
    }

    @Test
    void unknownTypesAndDanglingInputs_exit78_withXLines() throws Exception {
        Path bad = file("bad.yaml", """
                sources:
                  in: {type: demo_logs}
                  odd: {type: no_such_source}
                sinks:
                  out: {type: blackhole, inputs: [nope, in]}
                """);

        assertThat(run("validate", "--no-environment", bad.toString())).isEqualTo(78);
        assertThat(out()).contains("x Source \"odd\": unknown source type `no_such_source`")
                .contains("x Input \"nope\" for sink \"out\" doesn't match any components.")
                .doesNotContain("Validated");
    }

    @Test
    void badYaml_duplicateIds_unknownTopLevelKeys_andWarnings() throws Exception {
        assertThat(run("validate", file("broken.yaml", "sources: [unclosed\n").toString())).isEqualTo(78);
        assertThat(out()).contains("Failed to load").contains("x Failed to parse");
        out.reset();

        Path one = file("one.yaml", "sources:\n  x: {type: demo_logs}\nsinks:\n  out: {type: blackhole, inputs: [x]}\n");
        Path two = file("two.yaml", "sinks:\n  x: {type: blackhole, inputs: [x]}\nbogus: 1\n");
        assertThat(run("validate", one.toString(), two.toString())).isEqualTo(78);
        assertThat(out()).contains("x More than one component with name \"x\" (source, sink).").contains("x unknown field `bogus`");
        out.reset();

        Path unused = file("unused.yaml", "sources:\n  x: {type: demo_logs}\n  y: {type: demo_logs}\nsinks:\n  out: {type: blackhole, inputs: [x]}\n");
        assertThat(run("validate", unused.toString())).isZero();
        assertThat(out()).contains("~ Source \"y\" has no consumers");
        assertThat(run("validate", "--deny-warnings", unused.toString())).isEqualTo(78);
    }

    @Test
    void secrets_areResolvedThroughAnExecBackend_beforeParsing() throws Exception {
        Path backend = file("backend.sh", "#!/bin/sh\ncat > /dev/null\necho '{\"tok\":{\"value\":\"resolved-value\",\"error\":null}}'\n");
        backend.toFile().setExecutable(true);
        Path config = file("s.yaml", """
                secret:
                  vault: {type: exec, command: ["%s"]}
                sources:
                  in: {type: demo_logs}
                sinks:
                  out: {type: http, inputs: [in], uri: "http://x/SECRET[vault.tok]"}
                """.formatted(backend));

        StandinConfig.Loaded loaded = StandinConfig.load(List.of(config), Map.of(), true);

        assertThat(loaded.ok()).isTrue();
        assertThat(loaded.components().get("out").options().path("uri").asText()).isEqualTo("http://x/resolved-value");
        StandinConfig.Loaded unresolved = StandinConfig.load(List.of(file("u.yaml", "sources:\n  in: {type: demo_logs, x: \"SECRET[nope.k]\"}\n"
                + "sinks:\n  out: {type: blackhole, inputs: [in]}\n")), Map.of(), true);
        assertThat(unresolved.firstError()).contains("Secret backend \"nope\" is not configured");
    }

    @Test
    void aRemapCallingAFunctionVrlDoesNotHave_exit78_butStringsPathsAndKeywordsAreNoCalls() throws Exception {
        Path bad = file("vrl.yaml", "sources: {in: {type: demo_logs}}\n"
                + "transforms: {parse: {type: remap, inputs: [in], source: \". = parse_jsn!(.message)\"}}\n"
                + "sinks: {out: {type: blackhole, inputs: [parse]}}\n");

        assertThat(run("validate", "--no-environment", bad.toString())).isEqualTo(78);
        assertThat(out()).contains("x Transform \"parse\": error[E105]: call to undefined function `parse_jsn`").doesNotContain("Validated");

        assertThat(StandinVrl.errors("""
                # frobnicate(x) in a comment
                . = parse_json!(.message)
                .a = "not_a_call(1)" + s'raw_call(2)'
                if exists(.b) { .c = upcase!(.b) } else { del(.d) }
                .e.f = length(r'^x(y)$') ?? 0
                """)).isEmpty();
        assertThat(StandinVrl.errors(".x = 1\nnope(.x)\n.y = to_strin(.x)")).containsExactly(
                "error[E105]: call to undefined function `nope`", "error[E105]: call to undefined function `to_strin`");
    }

    @Test
    void test_runsTheUnitTests_withVectorsLinesAndExitCodes() throws Exception {
        assertThat(run("test", file("pass.yaml", ConfigFixtures.withUnitTests("parses", "assert!(.parsed)", "also passes", "true")).toString())).isZero();
        assertThat(out()).isEqualTo("Running tests\ntest parses ... passed\ntest also passes ... passed\n");
        out.reset();

        assertThat(run("test", file("fail.yaml", ConfigFixtures.withUnitTests("parses", "assert!(.parsed)", "never holds", "false")).toString())).isEqualTo(78);
        assertThat(out()).startsWith("Running tests\ntest parses ... passed\ntest never holds ... failed\n\nfailures:\n\ntest never holds:\n")
                .contains("check transform 'parse' failed conditions");
        out.reset();

        assertThat(run("test", file("broken.yaml", ConfigFixtures.withUnitTests("parses", "assert!(.parsed)", "calls nothing", "frobnicate(.x)")).toString())).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Failed to execute tests")
                .contains("error[E105]: call to undefined function `frobnicate`");
        out.reset();

        assertThat(run("test", file("none.yaml", "sources: {in: {type: demo_logs}}\nsinks: {out: {type: blackhole, inputs: [in]}}\n").toString()))
                .isZero();
        assertThat(out()).isEqualTo("Running tests\nNo tests found.\n");
    }

    @Test
    void environmentVariables_areSubstitutedOnlyWithTheInterpolationFlag() throws Exception {
        Path config = file("env.yaml", """
                sources:
                  in:
                    type: demo_logs
                    format: json
                    interval: ${INTERVAL}
                sinks:
                  out:
                    type: http
                    inputs: [in]
                    uri: http://${HOST:-localhost}:$PORT/x
                    note: $$HOME
                """);
        Map<String, String> env = Map.of("INTERVAL", "2", "PORT", "9000");

        StandinConfig.Loaded literal = StandinConfig.load(List.of(config), env, false, false);
        assertThat(literal.components().get("in").options().path("interval").asText()).isEqualTo("${INTERVAL}");
        StandinConfig.Loaded substituted = StandinConfig.load(List.of(config), env, false, true);
        assertThat(substituted.components().get("in").options().path("interval").asInt()).isEqualTo(2);
        assertThat(substituted.components().get("out").options().path("uri").asText()).isEqualTo("http://localhost:9000/x");
        assertThat(substituted.components().get("out").options().path("note").asText()).isEqualTo("$HOME");

        assertThat(runWith(Map.of("INTERVAL", "2"), "validate", "--no-environment", "--dangerously-allow-env-var-interpolation",
                config.toString())).isEqualTo(78);
        assertThat(out()).contains("x Missing environment variable in config. name = \"PORT\"");
        out.reset();
        assertThat(runWith(env, "validate", "--no-environment", "--dangerously-allow-env-var-interpolation", config.toString())).isZero();
    }

    @Test
    void unknownFlags_exit2() {
        assertThat(run("--frobnicate")).isEqualTo(2);
    }
}
