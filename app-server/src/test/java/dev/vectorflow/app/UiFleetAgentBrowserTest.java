package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet screens and the deploy flow in real headless Chromium against a real server, the real agent as a process
 * and the Vector stand-in. The page creates the enrollment token and writes it to a file; this test starts the agent
 * with it while the page waits for the node. Never skipped under CI=true (the tools' absence fails there).
 */
class UiFleetAgentBrowserTest {

    private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();

    @Test
    void aNodeEnrolledInThePageRunsAPipelineDeployedRolledBackAndObservedThroughTheFleetScreens(@TempDir Path dir) throws Exception {
        UiBrowserTest.requireBrowserTools();
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of("VF_POLL_INTERVAL_MS", "1000"))) {
            server.createEnvironment(server.root(), server.createTeam("platform"), "production");
            Path tokenFile = dir.resolve("enrollment-token");
            Path screenshots = Path.of("target", "ui-fleet-agent").toAbsolutePath();
            Path log = dir.resolve("check-fleet-agent.log");
            List<String> command = new ArrayList<>(List.of("node", UI.resolve("e2e/check-fleet-agent.mjs").toString(),
                    "--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL, "--password", TestServer.PASSWORD,
                    "--token-file", tokenFile.toString(), "--screenshots", screenshots.toString()));
            Process browser = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AgentProcess agent = null;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!Files.exists(tokenFile) && browser.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                if (Files.exists(tokenFile)) {
                    Thread.sleep(100); // the page writes the token in one call
                    String token = Files.readString(tokenFile).strip();
                    agent = AgentProcess.start("http://127.0.0.1:" + server.app.port(), token, dir.resolve("agent"), "role=e2e");
                }
                boolean finished = browser.waitFor(600, TimeUnit.SECONDS);
                if (!finished) {
                    browser.destroyForcibly();
                }
                String output = Files.readString(log);
                String agentLog = agent == null ? "(no agent started)" : agent.output();
                assertThat(agent).as("the page showed a token:\n%s", output).isNotNull();
                assertThat(finished).as("browser check finished:\n%s\nagent:\n%s", output, agentLog).isTrue();
                assertThat(browser.exitValue()).as("browser check output:\n%s\nagent:\n%s", output, agentLog).isZero();
                assertThat(output).contains("ok: roll back to version 1").contains("ok: no console errors").doesNotContain("FAIL:");
            } finally {
                if (agent != null) {
                    agent.close();
                    agent.killVectors();
                }
            }
        }
    }
}
