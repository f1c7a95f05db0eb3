package dev.vectorflow.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.agent.AgentMain;
import dev.vectorflow.agent.AgentSettings;
import dev.vectorflow.agent.control.ControlLoop;
import dev.vectorflow.agent.pipeline.Backoff;
import dev.vectorflow.agent.pipeline.PipelineSettings;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.CertFile;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.ports.protocol.SampleResult;
import dev.vectorflow.standin.VectorStandin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent (every adapter as AgentMain wires it) against a fake control plane on a loopback port and the
 * Vector stand-in as real processes. Timings are shortened (settle window 3 s, crash backoff 100-400 ms,
 * CRASH_LOOP after 3 fast crashes, poll 300 ms); the logic is the production one.
 */
class AgentScenarioTest {

    private static final String SECRET_VALUE = "s3cr3t-Value-that-must-never-touch-disk";
    private static final String CERT_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

    @TempDir
    Path tmp;
    private Path dataDir;
    private FakeControlPlane server;
    private final List<AgentMain.Agent> agents = new ArrayList<>();
    private final int firstPort = 20000 + ThreadLocalRandom.current().nextInt(20000);

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeControlPlane();
        dataDir = tmp.resolve("agent");
    }

    @AfterEach
    void stopEverything() {
        agents.forEach(a -> a.stop(true));
        server.close();
    }

    private AgentMain.Agent startAgent() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("VF_URL", server.url());
        env.put("VF_TOKEN", FakeControlPlane.ENROLLMENT_TOKEN);
        env.put("VF_DATA_DIR", dataDir.toString());
        env.put("VF_VECTOR_BIN", VectorStandin.launcher().toString());
        env.put("VF_POLL_INTERVAL", "300ms");
        env.put("VF_NODE_LABELS", "role=edge");
        AgentSettings settings = AgentSettings.fromEnvironment(env);
        PipelineSettings supervision = new PipelineSettings(Duration.ofMillis(100), Duration.ofMillis(3000), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(1), new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)),
                Duration.ofSeconds(3), 3, firstPort, 200, AgentMain.secretCommand(dataDir));
        AgentMain.Agent agent = AgentMain.Agent.start(settings, supervision, Clock.systemUTC(), v -> { },
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), Duration.ofMillis(100));
        agents.add(agent);
        return agent;
    }

    private static String pipeline(String remap, String globals) {
        return globals + """
                sources:
                  demo: {type: demo_logs, format: json}
                transforms:
                  parse: {type: remap, inputs: [demo], source: "%s"}
                sinks:
                  out:
                    type: http
                    inputs: [parse]
                    uri: http://127.0.0.1:9/ingest
                    auth: {strategy: bearer, token: "SECRET[vectorflow.api_token]"}
                    tls: {crt_file: certs/edge.crt}
                    encoding: {codec: json}
                """.formatted(remap);
    }

    private void want(String id, int version, String yaml) {
        server.want(id, version, yaml, Map.of("api_token", SECRET_VALUE),
                List.of(new CertFile("edge", "certs/edge.crt", Base64.getEncoder().encodeToString(CERT_PEM.getBytes(StandardCharsets.UTF_8)))));
    }

    private static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        return await(() -> what, timeout, probe);
    }

    private static <T> T await(Supplier<String> what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // what the agent's threads were doing, for the report of a failed run
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("vf-")) {
                System.err.println("thread " + t.getName() + ":\n  " + String.join("\n  ", Arrays.stream(stack).map(Object::toString).toList()));
            }
        });
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what.get());
    }

    private PipelineReport awaitReport(String id, String status, int version) {
        return await(() -> {
            HeartbeatRequest lastBeat = server.heartbeats.isEmpty() ? null : server.heartbeats.getLast();
            return id + " " + status + " at version " + version + " (last report: " + server.lastReport(id) + "; " + server.heartbeats.size()
                    + " heartbeats, the last with " + (lastBeat == null ? "nothing" : lastBeat.pipelines().stream()
                    .map(p -> p.pipelineId() + "=" + p.status()).toList() + " " + lastBeat.actionResults()) + "; " + server.calls.size() + " calls)";
        }, Duration.ofSeconds(30), () -> {
            PipelineReport r = server.lastReport(id);
            return r != null && status.equals(r.status()) && Objects.equals(r.version(), version) ? r : null;
        });
    }

    private List<String> logLines(String id) {
        return server.heartbeats.stream().flatMap(h -> h.logs().stream()).filter(l -> l.pipelineId().equals(id))
                .flatMap(l -> l.lines().stream()).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void deploy_runsWithGrowingCounters_aTransformChangeReloadsInPlace_aGlobalChangeRestarts_andNoSecretTouchesDisk() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        startAgent();

        PipelineReport running = awaitReport("p1", "RUNNING", 1);
        assertThat(Files.readString(dataDir.resolve("node-token")).strip()).isEqualTo(FakeControlPlane.NODE_TOKEN);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("node-token"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        long pid = running.pid();
        PipelineReport counted = await("counters", Duration.ofSeconds(10), () -> {
            PipelineReport r = server.lastReport("p1");
            return r != null && r.eventsOut() != null && r.eventsOut() > 0 ? r : null;
        });
        await("growing counters", Duration.ofSeconds(10), () -> server.lastReport("p1").eventsOut() > counted.eventsOut());
        assertThat(counted.componentMetrics()).extracting(m -> m.componentId()).containsExactlyInAnyOrder("demo", "parse", "out");
        HeartbeatRequest last = server.heartbeats.getLast();
        assertThat(last.hostMetrics().memoryTotalBytes()).isPositive();
        assertThat(last.labels()).containsEntry("role", "edge");
        assertThat(last.vectorVersion()).startsWith("vector 0.57.0");
        Path cert = dataDir.resolve("pipelines/p1/certs/edge.crt");
        assertThat(Files.readString(cert)).isEqualTo(CERT_PEM);
        assertThat(Files.getPosixFilePermissions(cert)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // sample: events and their schema through `vector tap`
        server.queue(PendingAction.sample("sample-1", "req-1", "p1", List.of("parse"), 3));
        SampleResult sample = await("sample result", Duration.ofSeconds(20), () -> server.heartbeats.stream()
                .flatMap(h -> h.sampleResults().stream()).filter(s -> s.requestId().equals("req-1")).findFirst().orElse(null));
        assertThat(sample.error()).isNull();
        assertThat(sample.events()).hasSize(3);
        assertThat(sample.schema()).anySatisfy(f -> assertThat(f.path()).isEqualTo(".message"));

        // a transform changes: SIGHUP, same process
        want("p1", 2, pipeline(". = 2", ""));
        PipelineReport reloaded = awaitReport("p1", "RUNNING", 2);
        assertThat(reloaded.pid()).isEqualTo(pid);
        assertThat(logLines("p1")).anyMatch(l -> l.contains("Vector has reloaded."));

        // a global option changes: Vector refuses to reload those, so a new process
        want("p1", 3, pipeline(". = 2", "timezone: UTC\n"));
        PipelineReport restarted = awaitReport("p1", "RUNNING", 3);
        assertThat(restarted.pid()).isNotEqualTo(pid);
        assertThat(alive(pid)).isFalse();

        // no secret value anywhere under the data directory (configs, logs, state, token)
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(SECRET_VALUE);
            }
        }
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/pipeline.yaml"))).contains("SECRET[vectorflow.api_token]");
    }

    @Test
    void aBrokenConfig_leavesTheOldOneRunning_reportsFailed_andThatChecksumIsNotRetried() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        startAgent();
        long pid = awaitReport("p1", "RUNNING", 1).pid();

        String broken = pipeline(". = 1", "").replace("type: demo_logs", "type: demo_logz");
        want("p1", 2, broken);
        PipelineReport failed = awaitReport("p1", "FAILED", 1);
        assertThat(failed.pid()).isEqualTo(pid);
        assertThat(failed.error()).contains("demo_logz");
        int configCallsAfterRefusal = server.configCalls.get();
        int heartbeatsAfterRefusal = server.heartbeats.size();
        await("more heartbeats", Duration.ofSeconds(10), () -> server.heartbeats.size() > heartbeatsAfterRefusal + 4);
        assertThat(server.configCalls.get()).as("the refused checksum is not fetched again").isEqualTo(configCallsAfterRefusal);
        assertThat(server.heartbeats.stream().flatMap(h -> h.actionResults().stream()))
                .anySatisfy(r -> {
                    assertThat(r.status()).isEqualTo(ActionResult.FAILED);
                    assertThat(r.message()).contains("not retried");
                });
        assertThat(alive(pid)).isTrue();

        // a valid config that kills Vector within the settle window: the last good one comes back
        String crashing = pipeline(". = 3", "") + """
                  vf_test_fault: {type: blackhole, inputs: [fault]}
                """.replace("  vf_test_fault", "  fault_sink") + "";
        crashing = crashing.replace("sources:\n", "sources:\n  fault: {type: standin_fault, crash_after_secs: 1}\n");
        want("p1", 3, crashing);
        PipelineReport rolledBack = await("rollback to version 1", Duration.ofSeconds(30), () -> {
            PipelineReport r = server.lastReport("p1");
            return r != null && "FAILED".equals(r.status()) && r.version() == 1 && r.error() != null && r.error().contains("settle window") ? r : null;
        });
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/pipeline.yaml"))).contains(". = 1").doesNotContain("standin_fault");
        await("the old config runs again", Duration.ofSeconds(15), () -> {
            PipelineReport r = server.lastReport("p1");
            return r.pid() != null && alive(r.pid()) && r.eventsOut() != null;
        });
        assertThat(rolledBack.configChecksum()).isEqualTo(FakeControlPlane.checksum(pipeline(". = 1", ""), Map.of("api_token", SECRET_VALUE)));
    }

    @Test
    void aCrashingVector_isRestartedWithBackoff_thenCrashLoop_untilANewConfigArrives() throws Exception {
        String crashing = pipeline(". = 1", "").replace("sources:\n", "sources:\n  fault: {type: standin_fault, crash_after_secs: 0}\n")
                + "  fault_sink: {type: blackhole, inputs: [fault]}\n";
        want("p1", 1, crashing);
        startAgent();

        PipelineReport loop = awaitReport("p1", "CRASH_LOOP", 1);
        assertThat(loop.error()).contains("exited with code 101");
        assertThat(server.heartbeats.stream().flatMap(h -> h.pipelines().stream()).map(PipelineReport::status)).contains("CRASHED");
        assertThat(logLines("p1")).anyMatch(l -> l.contains("restarting in 100 ms (crash 1)"))
                .anyMatch(l -> l.contains("restarting in 200 ms (crash 2)"))
                .anyMatch(l -> l.contains("CRASH_LOOP"));
        int heartbeats = server.heartbeats.size();
        await("heartbeats while in CRASH_LOOP", Duration.ofSeconds(10), () -> server.heartbeats.size() > heartbeats + 3);
        assertThat(server.lastReport("p1").status()).as("no restarts in CRASH_LOOP").isEqualTo("CRASH_LOOP");

        want("p1", 2, pipeline(". = 1", ""));
        awaitReport("p1", "RUNNING", 2);
    }

    @Test
    void theServerDown_pipelinesKeepRunning_theAgentBacksOffAndComesBack_withTheLogsOfTheOutage() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        startAgent();
        long pid = awaitReport("p1", "RUNNING", 1).pid();

        server.down();
        int before = server.heartbeats.size();
        Thread.sleep(2000);
        assertThat(alive(pid)).isTrue();
        Path pidFile = dataDir.resolve("pipelines/p1/vector.pid");
        assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(pid));
        assertThat(agents.getFirst().daemon().control().state()).isEqualTo(ControlLoop.State.BACKING_OFF);

        server.up();
        await("heartbeats again", Duration.ofSeconds(10), () -> server.heartbeats.size() > before);
        PipelineReport after = awaitReport("p1", "RUNNING", 1);
        assertThat(after.pid()).isEqualTo(pid);
    }

    @Test
    void anAgentRestart_adoptsTheRunningVectorProcesses_andStillServesTheirSecrets() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        want("p2", 1, pipeline(". = 5", ""));
        AgentMain.Agent first = startAgent();
        long pid1 = awaitReport("p1", "RUNNING", 1).pid();
        long pid2 = awaitReport("p2", "RUNNING", 1).pid();

        first.stop(false);
        agents.remove(first);
        assertThat(alive(pid1)).isTrue();
        assertThat(alive(pid2)).isTrue();
        int heartbeats = server.heartbeats.size();

        startAgent();
        await("the new agent's heartbeat", Duration.ofSeconds(10), () -> server.heartbeats.size() > heartbeats);
        assertThat(server.calls).contains("GET /api/agent/config");
        assertThat(awaitReport("p1", "RUNNING", 1).pid()).isEqualTo(pid1);
        assertThat(awaitReport("p2", "RUNNING", 1).pid()).isEqualTo(pid2);

        // a reload through the new agent: Vector resolves the secret again over the new agent's channel
        want("p1", 2, pipeline(". = 2", ""));
        assertThat(awaitReport("p1", "RUNNING", 2).pid()).isEqualTo(pid1);

        // undeploy stops the adopted process
        server.unwant("p2");
        await("p2 gone", Duration.ofSeconds(15), () -> !alive(pid2) && server.heartbeats.getLast().pipelines().stream().noneMatch(p -> p.pipelineId().equals("p2")));
        assertThat(dataDir.resolve("pipelines/p2")).doesNotExist();
    }

    @Test
    void a401_stopsEveryCall_andThePipelinesKeepRunning() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        AgentMain.Agent agent = startAgent();
        long pid = awaitReport("p1", "RUNNING", 1).pid();

        server.revoke();
        await("UNAUTHORIZED", Duration.ofSeconds(10), () -> agent.daemon().control().state() == ControlLoop.State.UNAUTHORIZED);
        int calls = server.calls.size();
        Thread.sleep(1500);
        assertThat(server.calls).hasSize(calls);
        assertThat(alive(pid)).isTrue();
        assertThat(dataDir.resolve("node-token")).doesNotExist();
        assertThat(dataDir.resolve("node-token.rejected")).exists();
    }

    @Test
    void logLinesOfVector_shipWithTheHeartbeats() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        startAgent();
        awaitReport("p1", "RUNNING", 1);
        await("Vector's start line", Duration.ofSeconds(10), () -> logLines("p1").stream().anyMatch(l -> l.contains("Vector has started.")));
        assertThat(server.heartbeats.stream().flatMap(h -> h.logs().stream()).map(PipelineLogs::pipelineId)).containsOnly("p1");
    }

    @Test
    void oneShotActions_restartAndARefusedUpdate_areAppliedOnceAndReported() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        startAgent();
        long pid = awaitReport("p1", "RUNNING", 1).pid();

        server.queue(PendingAction.restart("restart-1", "p1"));
        server.queue(PendingAction.update("update-1", "9.9.9", "https://downloads.example.com/agent.jar", "sha256:" + "a".repeat(64), "c2ln"));

        ActionResult restarted = await("restart result", Duration.ofSeconds(20), () -> server.heartbeats.stream()
                .flatMap(h -> h.actionResults().stream()).filter(r -> r.actionId().equals("restart-1")).findFirst().orElse(null));
        assertThat(restarted.status()).isEqualTo(ActionResult.SUCCEEDED);
        PipelineReport after = awaitReport("p1", "RUNNING", 1);
        assertThat(after.pid()).isNotEqualTo(pid);
        assertThat(alive(pid)).isFalse();
        ActionResult update = await("update result", Duration.ofSeconds(20), () -> server.heartbeats.stream()
                .flatMap(h -> h.actionResults().stream()).filter(r -> r.actionId().equals("update-1")).findFirst().orElse(null));
        assertThat(update.status()).isEqualTo(ActionResult.FAILED);
        assertThat(update.message()).contains("VF_UPDATE_PUBLIC_KEY");
        assertThat(server.heartbeats.stream().map(HeartbeatRequest::updateError).filter(Objects::nonNull)).anyMatch(e -> e.contains("VF_UPDATE_PUBLIC_KEY"));
        long restarts = server.heartbeats.stream().flatMap(h -> h.actionResults().stream()).filter(r -> r.actionId().equals("restart-1")).count();
        assertThat(restarts).as("the restart ran once; its result may be sent again while the server still lists it").isPositive();
        assertThat(server.lastReport("p1").pid()).isEqualTo(after.pid());
    }

    @Test
    void anUpdateTheLauncherRolledBack_isReportedFailedInEveryHeartbeat_andNotTriedAgain() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("update-failed"), "action=update-7\nversion=9.9.9\n"
                + "message=the agent 9.9.9 did not heartbeat within 60 s; the launcher put the previous agent back\n");
        server.queue(PendingAction.update("update-7", "9.9.9", "https://downloads.example.com/agent.jar", "sha256:" + "a".repeat(64), "c2ln"));
        startAgent();

        ActionResult failed = await("the rolled back update reported", Duration.ofSeconds(20), () -> server.heartbeats.stream()
                .flatMap(h -> h.actionResults().stream()).filter(r -> r.actionId().equals("update-7")).findFirst().orElse(null));
        assertThat(failed.status()).isEqualTo(ActionResult.FAILED);
        assertThat(failed.message()).contains("did not heartbeat within 60 s");
        int seen = server.heartbeats.size();
        await("three more heartbeats", Duration.ofSeconds(20), () -> server.heartbeats.size() >= seen + 3);
        assertThat(server.heartbeats.subList(seen, server.heartbeats.size())).extracting(HeartbeatRequest::updateError)
                .allSatisfy(e -> assertThat(e).contains("the launcher put the previous agent back"));
        assertThat(server.heartbeats.stream().flatMap(h -> h.actionResults().stream()).filter(r -> r.actionId().equals("update-7")))
                .as("the update is not downloaded again: its only result is the rollback")
                .allSatisfy(r -> assertThat(r.message()).doesNotContain("VF_UPDATE_PUBLIC_KEY"));
        assertThat(dataDir.resolve("update-failed")).as("known to the server now").doesNotExist();
    }

    @Test
    void aHungVector_neverDelaysTheHeartbeat_andIsKilledWhenUndeployed() throws Exception {
        want("p1", 1, pipeline(". = 1", ""));
        String hanging = pipeline(". = 1", "").replace("sources:\n", "sources:\n  fault: {type: standin_fault, hang_after_secs: 6}\n")
                + "  fault_sink: {type: blackhole, inputs: [fault]}\n";
        want("p2", 1, hanging);
        startAgent();
        awaitReport("p1", "RUNNING", 1);
        long hungPid = awaitReport("p2", "RUNNING", 1).pid();
        Thread.sleep(6500);

        int before = server.heartbeats.size();
        long started = System.nanoTime();
        await("heartbeats while p2 hangs", Duration.ofSeconds(20), () -> server.heartbeats.size() >= before + 4);
        long perHeartbeatMs = Duration.ofNanos(System.nanoTime() - started).toMillis() / 4;
        assertThat(perHeartbeatMs).as("poll 300 ms + at most the 2 s scrape budget").isLessThan(3000);
        PipelineReport hung = server.lastReport("p2");
        assertThat(hung.eventsOut()).as("no counters from a hung Vector").isNull();
        assertThat(hung.error()).contains("does not answer its health check");
        assertThat(server.lastReport("p1").eventsOut()).isNotNull();

        server.unwant("p2");
        await("the hung Vector is gone (SIGTERM ignored, SIGKILL after the grace)", Duration.ofSeconds(30), () -> !alive(hungPid));
    }
}
