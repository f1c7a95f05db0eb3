package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.Notification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alerts screen in real headless Chromium against the real server (ui/e2e/check-alerts.mjs): a webhook channel to a
 * receiver on this machine (allowed by {@code VF_ALERT_ALLOWED_NETWORKS}), its test send and delivery history, a
 * certificate rule that fires without agents, acknowledgement and silence; then a Viewer of the team finds every control
 * that changes them disabled, naming the role it needs. The server's notification sender is the
 * recording one of the tests, so the deliveries are checked on what it was handed.
 */
class UiAlertsBrowserTest {

    @Test
    void anAdminCreatesAChannelAndARule_seesTheTestAndTheAlertDelivered_andAcknowledgesAndSilencesTheAlertInThePage_whileAViewerOnlyReads(@TempDir Path dataDir)
            throws Exception {
        UiBrowserTest.requireBrowserTools();
        try (TestServer server = TestServer.start(dataDir, Map.of("VF_ALERT_ALLOWED_NETWORKS", "127.0.0.0/8"))) {
            ApiClient root = server.root();
            String team = server.createTeam("platform");
            String environment = server.createEnvironment(root, team, "production");
            server.user("viewer@example.com", team, "VIEWER");
            TestCertificates.Pem pem = TestCertificates.selfSigned("edge.example.com", Duration.ofDays(3));
            assertThat(root.postJson("/api/environments/" + environment + "/certificates", ApiClient.json("name", "edge-cert",
                    "certificate", pem.certificate(), "privateKey", pem.privateKey())).status()).isEqualTo(201);
            String receiver = "http://127.0.0.1:" + (20_000 + (int) (Math.random() * 20_000)) + "/hooks/" + environment;

            Path screenshots = Path.of("target", "ui-alerts").toAbsolutePath();
            UiBrowserTest.runScript(dataDir, "check-alerts.mjs", List.of("--url", server.anonymous.base(), "--email", TestServer.ROOT_EMAIL,
                    "--password", TestServer.PASSWORD, "--receiver", receiver, "--viewer", "viewer@example.com", "--screenshots",
                    screenshots.toString()), 300);

            List<Notification> toReceiver = TestServer.NOTIFICATIONS.sent().stream()
                    .filter(s -> s.target() instanceof ChannelTarget.Webhook w && w.url().equals(URI.create(receiver)))
                    .peek(s -> assertThat(s.policy().allowedPrivateNetworks()).anyMatch(c -> c.contains(new byte[] {127, 0, 0, 1})))
                    .map(s -> s.notification()).toList();
            assertThat(toReceiver).as("the test send and the rule's firing, to the webhook typed in the page").hasSizeGreaterThanOrEqualTo(2);
            assertThat(toReceiver).anySatisfy(n -> {
                assertThat(n.ruleName()).isEqualTo("certs expiring");
                assertThat(n.event()).isEqualTo(Notification.Event.FIRING);
            });
        }
    }
}
