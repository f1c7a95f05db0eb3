package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    @Test
    void homePageShowsVersionReadinessAndTheEnvironmentsCreatedThroughTheApi(@TempDir Path dataDir) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean toolsPresent = Files.isExecutable(chromium()) && Files.isDirectory(UI.resolve("node_modules/playwright-core"));
        if (!ci) {
            Assumptions.assumeTrue(toolsPresent, "needs " + chromium() + " and ui/node_modules (built by the ui module)");
        }
        assertThat(toolsPresent).as("Chromium at %s and playwright-core in %s", chromium(), UI).isTrue();

        HttpClient http = HttpClient.newHttpClient();
        try (ServerApplication app = ServerApplication.start(ExternalDatabaseTest.settingsFor(TestDatabases.freshDatabase(), dataDir))) {
            String base = "http://127.0.0.1:" + app.port();
            for (String name : List.of("production", "staging-eu")) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/environments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"description\":\"made by the test\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(201);
            }

            Path screenshot = Path.of("target", "ui-home.png").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of("node", UI.resolve("e2e/check-home.mjs").toString(),
                    "--url", base, "--expect-env", "production", "--expect-env", "staging-eu",
                    "--expect-version", Version.current(), "--screenshot", screenshot.toString()));
            Path log = dataDir.resolve("browser.log");
            Process browser = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = browser.waitFor(180, TimeUnit.SECONDS);
            if (!finished) {
                browser.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(finished).as("browser check finished:\n%s", output).isTrue();
            assertThat(browser.exitValue()).as("browser check output:\n%s", output).isZero();
            assertThat(output).contains("ok: ").doesNotContain("FAIL:");
            assertThat(screenshot).exists();
        }
    }
}
