package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The web UI served by the real server, checked in real headless Chromium by the ui module's
 * Playwright script. Without Chromium the test is skipped on a developer machine and fails under
 * CI=true.
 */
class UiBrowserTest {

    private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();

    private static Path chromium() {
        return Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    }

    /** Skips without Chromium or ui/node_modules on a developer machine; under CI=true their absence fails. */
    static void requireBrowserTools() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean toolsPresent = Files.isExecutable(chromium()) && Files.isDirectory(UI.resolve("node_modules/playwright-core"));
        if (!ci) {
            Assumptions.assumeTrue(toolsPresent, "needs " + chromium() + " and ui/node_modules (built by the ui module)");
        }
        assertThat(toolsPresent).as("Chromium at %s and playwright-core in %s", chromium(), UI).isTrue();
    }

    /** Runs one of the ui module's browser scripts and asserts it printed only passing checks. */
    static String runScript(Path dataDir, String script, List<String> arguments, int timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", UI.resolve("e2e").resolve(script).toString()));
        command.addAll(arguments);
        Path log = dataDir.resolve(script + ".log");
        Process browser = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = browser.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            browser.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("browser check finished:\n%s", output).isTrue();
        assertThat(browser.exitValue()).as("browser check output:\n%s", output).isZero();
        assertThat(output).contains("ok: ").doesNotContain("FAIL:");
        return output;
    }

    @Test
    void signingInThroughThePageShowsVersionReadinessAndTheEnvironmentsCreatedThroughTheApi(@TempDir Path dataDir) throws Exception {
        requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir)) {
            String base = server.anonymous.base();
            String team = server.createTeam("platform");
            for (String name : List.of("production", "staging-eu")) {
                server.createEnvironment(server.root(), team, name);
            }

            Path screenshot = Path.of("target", "ui-home.png").toAbsolutePath();
            runScript(dataDir, "check-home.mjs", List.of("--url", base, "--email", TestServer.ROOT_EMAIL, "--password", TestServer.PASSWORD,
                    "--check-wrong-password", "--expect-env", "production", "--expect-env", "staging-eu",
                    "--expect-version", Version.current(), "--screenshot", screenshot.toString()), 180);
            assertThat(screenshot).exists();
        }
    }

    @Test
    void aPipelineIsBuiltByDragAndDropValidatedPublishedDiffedAndRolledBackInTheEditor(@TempDir Path dataDir) throws Exception {
        requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir)) {
            String team = server.createTeam("platform");
            server.createEnvironment(server.root(), team, "production");

            Path screenshots = Path.of("target", "ui-editor").toAbsolutePath();
            String output = runScript(dataDir, "check-editor.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--screenshots", screenshots.toString(), "--timeout", "30"), 300);
            assertThat(output).contains("ok: roll back to version 1").contains("summary: ");
        }
    }

    @Test
    void teamsEnvironmentsUsersMembersTokensSecretsAndTheAuditLogAreManagedInThePages(@TempDir Path dataDir) throws Exception {
        requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir)) {
            server.root(); // the platform admin, with no team yet
            Path screenshots = Path.of("target", "ui-admin").toAbsolutePath();
            runScript(dataDir, "check-admin.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--screenshots", screenshots.toString()), 180);
        }
    }

    @Test
    void aNewViewerChoosesAPassword_andFindsNoControlTheirRoleCannotUse_onPipelinesEditorSecretsAndNode(@TempDir Path dataDir)
            throws Exception {
        requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir)) {
            ApiClient root = server.root();
            String team = server.createTeam("ops");
            String env = server.createEnvironment(root, team, "production");
            String pipeline = created(root.postJson("/api/environments/" + env + "/pipelines",
                    "{\"name\":\"edge-logs\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}"));
            created(root.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "first")));
            assertThat(root.putJson("/api/pipelines/" + pipeline + "/graph",
                    PipelineFixtures.SIMPLE_GRAPH.replace("\"codec\":\"json\"", "\"codec\":\"text\"")).status()).isEqualTo(200);
            created(root.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "text output")));
            created(root.postJson("/api/environments/" + env + "/secrets", ApiClient.json("name", "db_password", "value", "not shown", "description", "")));

            // a node with a long name runs version 2 and keeps reporting, as an agent would
            String token = root.postJson("/api/environments/" + env + "/enrollment-tokens", "{\"name\":\"hosts\"}").json().get("token").asText();
            ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token + "\",\"hostname\":"
                    + "\"ip-10-20-30-40.eu-central-1.compute.internal\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\","
                    + "\"vectorVersion\":\"vector 0.57.0 (x86_64-unknown-linux-gnu)\",\"labels\":{}}");
            assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
            ApiClient agent = server.anonymous.withBearer(enrolled.json().get("nodeToken").asText());
            created(root.postJson("/api/pipelines/" + pipeline + "/deployments", "{}"));
            String checksum = heartbeat(agent, "").get("pendingActions").get(0).get("checksum").asText();
            AtomicBoolean reporting = new AtomicBoolean(true);
            Thread reporter = Thread.ofVirtual().start(() -> {
                for (long events = 100; reporting.get(); events += 100) {
                    heartbeat(agent, AgentApiTest.report(pipeline, 2, checksum, "RUNNING", events));
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            });

            created(root.postJson("/api/users", ApiClient.json("email", "vera@example.com", "name", "Vera Viewer", "password", "initial password 1")));
            assertThat(root.putJson("/api/teams/" + team + "/members", ApiClient.json("email", "vera@example.com", "role", "VIEWER")).status())
                    .isEqualTo(200);
            try {
                Path screenshots = Path.of("target", "ui-roles").toAbsolutePath();
                runScript(dataDir, "check-roles.mjs", List.of("--url", server.anonymous.base(), "--email", "vera@example.com",
                        "--password", "initial password 1", "--new-password", TestServer.PASSWORD, "--pipeline", "edge-logs",
                        "--node-id", enrolled.json().get("nodeId").asText(), "--screenshots", screenshots.toString()), 240);
            } finally {
                reporting.set(false);
                reporter.join(5000);
            }
        }
    }

    /** A heartbeat as an agent sends it (without labels). */
    private static JsonNode heartbeat(ApiClient agent, String pipelinesJson) {
        ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat",
                "{\"agentVersion\":\"1.0.0\",\"deploymentMode\":\"STANDALONE\",\"pipelines\":[" + pipelinesJson + "]}");
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        return beat.json();
    }

    /** The id of what a 201 answer created. */
    private static String created(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().path("id").asText();
    }

    @Test
    void aPlatformAdminStartsABackupInThePage_seesItListed_downloadsIt_andRestoresItWithATypedConfirmation(@TempDir Path dataDir)
            throws Exception {
        requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir)) {
            String team = server.createTeam("platform");
            server.createEnvironment(server.root(), team, "production");
            Path screenshots = Path.of("target", "ui-backups").toAbsolutePath();
            runScript(dataDir, "check-backups.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--screenshots", screenshots.toString()), 240);
        }
    }
}
