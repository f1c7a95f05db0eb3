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
    private static String runScript(Path dataDir, String script, List<String> arguments, int timeoutSeconds) throws Exception {
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
