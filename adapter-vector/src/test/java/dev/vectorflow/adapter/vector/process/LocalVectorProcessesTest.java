package dev.vectorflow.adapter.vector.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.SampleResult;
import dev.vectorflow.ports.out.vector.runtime.VectorLaunch;
import dev.vectorflow.ports.out.vector.runtime.VectorLog;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import dev.vectorflow.standin.VectorStandin;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.vectorflow.core.pipeline.EnvironmentVariables;

/** Runs the real process code against the Vector stand-in (a real process answering on real ports). */
class LocalVectorProcessesTest {

    private static final Path BIN = VectorStandin.launcher();
    private final LocalVectorProcesses vector = new LocalVectorProcesses(BIN, Duration.ofSeconds(30));
    private final VectorApiTelemetry telemetry = new VectorApiTelemetry(BIN);
    private final YamlVectorConfigRules rules = new YamlVectorConfigRules();
    private final List<VectorProcess> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        started.forEach(p -> p.stop(Duration.ofSeconds(5)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String pipeline(String remap) {
        return """
                sources:
                  demo: {type: demo_logs, format: json}
                transforms:
                  parse: {type: remap, inputs: [demo], source: "%s"}
                sinks:
                  out: {type: blackhole, inputs: [parse]}
                """.formatted(remap);
    }

    private record Running(VectorProcess process, VectorLaunch launch, String api, String metrics) {
    }

    private Running start(String config) throws Exception {
        String api = "127.0.0.1:" + freePort();
        String metrics = "127.0.0.1:" + freePort();
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("pipeline.yaml"), config);
        Files.writeString(dir.resolve("vf-sidecar.yaml"), rules.sidecar(dir.resolve("data").toString(), api, metrics, List.of()));
        VectorLaunch launch = new VectorLaunch(dir, List.of(dir.resolve("pipeline.yaml"), dir.resolve("vf-sidecar.yaml")),
                dir.resolve("vector.log"), Map.of("VECTOR_LOG", "info"));
        VectorProcess process = vector.launch(launch);
        started.add(process);
        return new Running(process, launch, api, metrics);
    }

    /** Waits for a condition; generous, since a loaded CI machine starts a JVM stand-in slowly (a failure here is a hang, not a slow run). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private long sent(Running r, String component) {
        return telemetry.scrape(r.metrics(), Duration.ofSeconds(2)).orElse(List.of()).stream()
                .filter(m -> m.componentId().equals(component)).mapToLong(ComponentMetrics::sentEvents).findFirst().orElse(-1);
    }

    @Test
    void aLaunchedVector_isHealthy_countsEvents_reloadsInPlace_andStopsWithExitZero() throws Exception {
        VectorLog log = vector.tail(dir.resolve("vector.log"), VectorProcesses.FROM_END);
        Running r = start(pipeline(". = 1"));
        await("healthy", () -> telemetry.healthy(r.api(), Duration.ofSeconds(1)));
        await("counters", () -> sent(r, "parse") > 0);
        long before = sent(r, "out");
        await("growing counters", () -> sent(r, "out") > before);

        Files.writeString(dir.resolve("pipeline.yaml"), pipeline(". = 2"));
        r.process().reload();
        List<String> output = new ArrayList<>();
        await("reloaded", () -> {
            output.addAll(log.newLines());
            return output.stream().anyMatch(l -> l.contains("Vector has reloaded."));
        });
        assertThat(r.process().isAlive()).isTrue();

        SampleResult sample = telemetry.sample(r.api(), "req-1", "parse", 3, Duration.ofSeconds(5));
        assertThat(sample.error()).isNull();
        assertThat(sample.events()).hasSize(3);
        assertThat(sample.schema()).anySatisfy(f -> {
            assertThat(f.path()).isEqualTo(".status");
            assertThat(f.type()).isEqualTo("integer");
        });

        r.process().stop(Duration.ofSeconds(10));
        assertThat(r.process().isAlive()).isFalse();
        assertThat(r.process().exitCode()).hasValue(0);
    }

    @Test
    void oneTail_followsThePipelinesLogAcrossAStopAndANewStart_andResumesAtItsOffsetAfterAnAgentRestart() throws Exception {
        VectorLog log = vector.tail(dir.resolve("vector.log"), VectorProcesses.FROM_END);
        Running first = start(pipeline(". = 1"));
        await("healthy", () -> telemetry.healthy(first.api(), Duration.ofSeconds(1)));
        List<String> lines = new ArrayList<>(log.newLines());
        first.process().stop(Duration.ofSeconds(10));
        // nothing read between the stop and the next start: the first process's last lines must still come
        Running second = start(pipeline(". = 2"));
        await("the second Vector started", () -> {
            lines.addAll(log.newLines());
            return lines.stream().filter(l -> l.contains("Vector has started.")).count() == 2;
        });
        int stopped = indexOf(lines, "Vector has stopped.");
        int startedAgain = lines.size() - 1 - indexOf(lines.reversed(), "Vector has started.");
        assertThat(stopped).as("the first Vector's last line, before the second's first").isNotNegative().isLessThan(startedAgain);

        // an agent restart: a new tail at the saved offset reads what Vector wrote while no agent ran, and nothing twice
        long saved = log.offset();
        Files.writeString(dir.resolve("pipeline.yaml"), pipeline(". = 3"));
        second.process().reload();
        VectorLog resumed = vector.tail(dir.resolve("vector.log"), saved);
        List<String> after = new ArrayList<>();
        await("the reload line", () -> {
            after.addAll(resumed.newLines());
            return after.stream().anyMatch(l -> l.contains("Vector has reloaded."));
        });
        assertThat(after).noneMatch(l -> l.contains("Vector has started."));
        assertThat(vector.tail(dir.resolve("vector.log"), Long.MAX_VALUE).newLines()).as("an offset beyond a cut file starts at 0")
                .anyMatch(l -> l.contains("Vector has started."));
    }

    @Test
    void aRunningVector_isAdoptedByPid_onlyWhenItsCommandLineNamesThePipelineConfig() throws Exception {
        Running r = start(pipeline(". = 1"));
        await("healthy", () -> telemetry.healthy(r.api(), Duration.ofSeconds(1)));

        Optional<VectorProcess> adopted = vector.adopt(r.process().pid(), r.launch());
        VectorLaunch other = new VectorLaunch(dir, List.of(dir.resolve("other.yaml")), dir.resolve("x.log"), Map.of());

        assertThat(adopted).map(VectorProcess::pid).contains(r.process().pid());
        assertThat(vector.adopt(r.process().pid(), other)).isEmpty();
        assertThat(vector.adopt(ProcessHandle.current().pid(), r.launch())).isEmpty();

        adopted.orElseThrow().stop(Duration.ofSeconds(10));
        assertThat(r.process().isAlive()).isFalse();
    }

    @Test
    void validate_returnsVectorsErrorLines() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "sources:\n  a: {type: no_such_source}\nsinks:\n  out: {type: blackhole, inputs: [nope]}\n");
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, pipeline(". = 1"));

        VectorProcesses.Validation invalid = vector.validate(List.of(bad), dir);

        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.errors()).anyMatch(e -> e.contains("no_such_source"))
                .contains("Input \"nope\" for sink \"out\" doesn't match any components.");
        assertThat(vector.validate(List.of(good), dir).valid()).isTrue();
        assertThat(vector.version()).startsWith("vector 0.57.0 (");
    }

    @Test
    void aConfigThatSaysItNeedsEnvironmentVariables_isValidatedWithVectorsInterpolationFlag() throws IOException {
        String config = "sources:\n  in:\n    type: demo_logs\n    format: json\n    interval: ${VF_TEST_NEVER_SET_INTERVAL}\n"
                + "sinks:\n  out: {type: blackhole, inputs: [in]}\n";
        Path literal = Files.writeString(dir.resolve("literal.yaml"), config);
        Path interpolated = Files.writeString(dir.resolve("interpolated.yaml"),
                EnvironmentVariables.HEADER_PREFIX + "VF_TEST_NEVER_SET_INTERVAL\n" + config);

        assertThat(vector.validate(List.of(literal), dir).valid()).as("without the flag Vector reads the text literally").isTrue();
        VectorProcesses.Validation withFlag = vector.validate(List.of(interpolated), dir);
        assertThat(withFlag.valid()).isFalse();
        assertThat(withFlag.errors()).anyMatch(e -> e.contains("Missing environment variable in config. name = \"VF_TEST_NEVER_SET_INTERVAL\""));
        assertThat(LocalVectorProcesses.needsEnvironment(List.of(literal))).isFalse();
        assertThat(LocalVectorProcesses.needsEnvironment(List.of(literal, interpolated))).isTrue();
    }

    @Test
    void changingAGlobalOption_requiresARestart_changingAComponentDoesNot() {
        assertThat(rules.requiresRestart(pipeline("a"), pipeline("b"))).isFalse();
        assertThat(rules.requiresRestart(pipeline("a"), "timezone: UTC\n" + pipeline("a"))).isTrue();
        assertThat(rules.requiresRestart("api: {enabled: true}\n" + pipeline("a"), pipeline("a"))).isFalse();
    }
}
