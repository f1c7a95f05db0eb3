package dev.vectorflow.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS through the pinned socket: the mail goes to the checked address, encrypted, and the certificate is still
 * checked against the host name the channel names (not the address connected to).
 */
class StartTlsDeliveryTest {

    private static final String HOST = "smtp.pinned.test";

    @TempDir
    Path dir;

    private static GuardedNotificationSender senderTrusting(StartTlsSmtpServer server) {
        return new GuardedNotificationSender(Clock.systemUTC(), host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})),
                Optional.of(server.clientTls()));
    }

    private static ChannelTarget.Email email(StartTlsSmtpServer server) {
        return new ChannelTarget.Email(HOST, server.port(), true, Optional.empty(), Optional.empty(), "vf@example.com", List.of("ops@example.com"));
    }

    @Test
    void givenStartTlsAndACertificateForTheChannelsHost_theMailArrivesOverTls() throws Exception {
        try (var server = new StartTlsSmtpServer(dir, HOST)) {
            DeliveryOutcome outcome = senderTrusting(server).send(email(server),
                    Fixtures.firing(Severity.CRITICAL, Fixtures.alert("k", "node-a", "Error rate 42%")), Fixtures.loopbackAllowed());

            assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
            assertThat(server.mails()).singleElement().satisfies(mail -> {
                assertThat(mail.overTls()).isTrue();
                assertThat(mail.data()).contains("Subject: =?UTF-8?Q?[CRITICAL]_FIRING:_High_error_rate").contains("Error rate 42%");
            });
        }
    }

    @Test
    void givenACertificateForAnotherHost_theHandshakeIsRefused_notRetryable_andNothingIsSent() throws Exception {
        try (var server = new StartTlsSmtpServer(dir, "someone-else.test")) {
            DeliveryOutcome outcome = senderTrusting(server).send(email(server),
                    Fixtures.firing(Severity.CRITICAL, Fixtures.alert("k", "node-a", "m")), Fixtures.loopbackAllowed());

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.retryable()).as(outcome.toString()).isFalse();
            assertThat(outcome.error()).get().asString().startsWith("TLS with the SMTP server failed");
            assertThat(server.mails()).isEmpty();
        }
    }
}
