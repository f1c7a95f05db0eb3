package dev.vectorflow.app;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API reference screen in real headless Chromium against the real server (ui/e2e/check-api-reference.mjs): the
 * bundled RapiDoc renders {@code /api/openapi.json} under the page's Content-Security-Policy, without console errors.
 */
class UiApiReferenceBrowserTest {

    @Test
    void aSignedInUser_opensTheApiReference_andReadsAnOperationWithItsAccessRule(@TempDir Path dataDir) throws Exception {
        UiBrowserTest.requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir)) {
            server.root();
            Path screenshots = Path.of("target", "ui-api-reference").toAbsolutePath();
            UiBrowserTest.runScript(dataDir, "check-api-reference.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--screenshots", screenshots.toString()), 180);
        }
    }
}
