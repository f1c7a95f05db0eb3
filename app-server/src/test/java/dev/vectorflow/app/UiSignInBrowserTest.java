package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Settings page, sign-in through a real OpenID provider's login page and TOTP, in real Chromium
 * ({@code ui/e2e/check-sso.mjs}); skipped like {@link UiBrowserTest} without Chromium on a developer machine.
 */
class UiSignInBrowserTest {

    @Test
    void settingsAreEditedInThePage_aPersonSignsInAtTheProviderWithTheRoleTheirGroupGives_andAnAdminSignsInWithASecondFactor(
            @TempDir Path dataDir) throws Exception {
        UiBrowserTest.requireBrowserTools();
        int dead;
        try (ServerSocket free = new ServerSocket(0)) {
            dead = free.getLocalPort();
        }
        try (TestServer server = TestServer.start(dataDir, Map.of("VF_AGENT_RATE_LIMIT", "500")); OidcFixture idp = new OidcFixture(true)) {
            server.createTeam("ops");
            assertThat(server.root().postJson("/api/settings/oidc-providers",
                    OidcFixture.providerJson("Down SSO", "http://127.0.0.1:" + dead + "/realms/x", "[]", "")).status()).isEqualTo(201);
            Path screenshots = Path.of("target", "ui-sso").toAbsolutePath();

            UiBrowserTest.runScript(dataDir, "check-sso.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--issuer", idp.issuer(), "--screenshots", screenshots.toString()), 300);

            // what the pages did, as the server recorded it
            String audit = server.root().get("/api/audit?limit=200").body();
            assertThat(audit).contains("settings.update", "oidc_provider.create", "user.roles_from_groups", "user.two_factor_enable");
        }
    }
}
