package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first hour of a new installation in real headless Chromium against a real server, the real agent and the
 * Vector stand-in: the page sets up the first team and environment, prints the install command and writes it to a
 * file; this test runs that command exactly as printed (from the repository root, as its note says) and adds simulated
 * nodes in other states (crash-looping, silent, on an old agent) while the page deploys, watches the overview and
 * updates agents. Never skipped under CI=true (the tools' absence fails there).
 */
class UiFleetAgentBrowserTest {

    private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();
    private static final Path REPOSITORY = UI.getParent();

    @Test
    void theFirstHourOfANewInstallationFromEmptyOverviewToAnUpdatedAgentWorksInThePages(@TempDir Path dir) throws Exception {
        UiBrowserTest.requireBrowserTools();
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of("VF_POLL_INTERVAL_MS", "1000"))) {
            server.root(); // the first platform admin and nothing else: the page sets up the rest
            Path commandFile = dir.resolve("install-command");
            Path agentData = dir.resolve("agent-data");
            Path screenshots = Path.of("target", "ui-fleet-agent").toAbsolutePath();
            Path log = dir.resolve("check-fleet-agent.log");
            List<String> command = new ArrayList<>(List.of("node", UI.resolve("e2e/check-fleet-agent.mjs").toString(),
                    "--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL, "--password", TestServer.PASSWORD,
                    "--command-file", commandFile.toString(), "--agent-dir", agentData.toString(),
                    "--vector-bin", AgentProcess.standin().toString(), "--screenshots", screenshots.toString()));
            Process browser = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrintedCommand agent = null;
            SimulatedNodes simulated = null;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(commandFile) && browser.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                if (Files.exists(commandFile)) {
                    agent = PrintedCommand.run(Files.readString(commandFile).strip(), dir.resolve("agent.log"));
                    simulated = SimulatedNodes.start(server);
                }
                boolean finished = browser.waitFor(720, TimeUnit.SECONDS);
                if (!finished) {
                    browser.destroyForcibly();
                }
                String output = Files.readString(log);
                String agentLog = agent == null ? "(no agent started)" : agent.output();
                assertThat(agent).as("the page printed an install command:\n%s", output).isNotNull();
                assertThat(simulated).as("simulated nodes:\n%s\nagent:\n%s", output, agentLog).isNotNull();
                assertThat(finished).as("browser check finished:\n%s\nagent:\n%s", output, agentLog).isTrue();
                assertThat(browser.exitValue()).as("browser check output:\n%s\nagent:\n%s", output, agentLog).isZero();
                assertThat(output).contains("ok: roll back to version 1", "ok: Update agent on the node page", "ok: no console errors")
                        .doesNotContain("FAIL:");
            } finally {
                if (simulated != null) {
                    simulated.close();
                }
                if (agent != null) {
                    agent.close();
                }
                AgentProcess.killVectors(agentData);
            }
        }
    }

    /** The install command as the page printed it, run by a shell in the repository root like a person would. */
    private record PrintedCommand(Process shell, Path log) implements AutoCloseable {

        static PrintedCommand run(String command, Path log) throws IOException {
            assertThat(command).as("the printed command").startsWith("VF_URL=").endsWith("packaging/agent/vectorflow-agent run");
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(REPOSITORY.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("VF_"));
            // the host's Java (the launcher looks at JAVA_HOME first); everything else comes from the command
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            return new PrintedCommand(builder.start(), log);
        }

        String output() {
            return AgentProcess.logText(log);
        }

        /** SIGTERM to the launcher and its agent, as systemd would; forcibly when they do not end. */
        @Override
        public void close() throws InterruptedException {
            List<ProcessHandle> tree = new ArrayList<>(shell.descendants().toList());
            tree.forEach(ProcessHandle::destroy);
            shell.destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Nodes the page's overview must show in other states, enrolled once the real agent is in (they run its version
     * so that it is the majority): one reporting a pipeline in CRASH_LOOP every second (DEGRADED), one that never
     * reports again (UNREACHABLE after three missed polls), one on an old agent (stale).
     */
    private record SimulatedNodes(ScheduledExecutorService beats) implements AutoCloseable {

        static SimulatedNodes start(TestServer server) throws InterruptedException {
            ApiClient admin = server.root();
            String envId = null;
            String version = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (version == null && System.nanoTime() < deadline) {
                for (JsonNode env : admin.get("/api/environments").json().get("items")) {
                    if (env.get("name").asText().equals("production")) {
                        envId = env.get("id").asText();
                    }
                }
                JsonNode nodes = envId == null ? null : admin.get("/api/environments/" + envId + "/nodes").json().get("nodes");
                if (nodes != null && !nodes.isEmpty()) {
                    version = nodes.get(0).get("agentVersion").asText();
                } else {
                    Thread.sleep(250);
                }
            }
            assertThat(version).as("the agent started by the printed command enrolled").isNotNull();
            ApiClient.Answer pipeline = admin.postJson("/api/environments/" + envId + "/pipelines",
                    "{\"name\":\"sim-crashing\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}");
            assertThat(pipeline.status()).as(pipeline.body()).isEqualTo(201);
            String pipelineId = pipeline.json().get("id").asText();
            ApiClient.Answer token = admin.postJson("/api/environments/" + envId + "/enrollment-tokens", "{\"maxUses\":3}");
            assertThat(token.status()).as(token.body()).isEqualTo(201);
            String text = token.json().get("token").asText();
            ApiClient crashing = enroll(server, text, "sim-crashloop", version, "crash");
            enroll(server, text, "sim-silent", version, "silent");
            ApiClient stale = enroll(server, text, "sim-stale", "0.0.1", "stale");
            String agentVersion = version;
            ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
            beats.scheduleWithFixedDelay(() -> {
                try {
                    beat(crashing, stale, agentVersion, pipelineId);
                } catch (RuntimeException e) {
                    // a missed beat is made up by the next one; an exception here would end the schedule
                }
            }, 0, 1, TimeUnit.SECONDS);
            return new SimulatedNodes(beats);
        }

        private static void beat(ApiClient crashing, ApiClient stale, String agentVersion, String pipelineId) {
            crashing.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"" + agentVersion + "\",\"pipelines\":[{\"pipelineId\":\""
                    + pipelineId + "\",\"version\":1,\"configChecksum\":\"abc\",\"status\":\"CRASH_LOOP\",\"error\":\"exited with 1\"}]}");
            stale.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"0.0.1\",\"pipelines\":[]}");
        }

        private static ApiClient enroll(TestServer server, String token, String hostname, String version, String sim) {
            ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token + "\",\"hostname\":\""
                    + hostname + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"" + version + "\",\"vectorVersion\":\"vector 0.57.0\","
                    + "\"labels\":{\"sim\":\"" + sim + "\"}}");
            assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
            return server.anonymous.withBearer(enrolled.json().get("nodeToken").asText());
        }

        @Override
        public void close() throws InterruptedException {
            beats.shutdownNow();
            beats.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
