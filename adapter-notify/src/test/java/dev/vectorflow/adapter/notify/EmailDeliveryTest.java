package dev.vectorflow.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alert e-mail delivered to a real SMTP server (GreenMail) in the test JVM, with and without authentication. */
class EmailDeliveryTest {

    private final GreenMailConfiguration accounts = GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "s3cret");
    private GreenMail smtp;

    private final GuardedNotificationSender sender = new GuardedNotificationSender(Clock.systemUTC());

    private void start(boolean authRequired) {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.withConfiguration(authRequired ? accounts : GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
    }

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private ChannelTarget.Email email(String host, Optional<String> user, Optional<String> password, List<String> to) {
        return new ChannelTarget.Email(host, smtp == null ? 25 : smtp.getSmtp().getPort(), false, user, password, "VectorFlow <vf@example.com>", to);
    }

    @Test
    void givenAnOpenSmtpServer_send_deliversAPlainTextMailWithSeverityRuleEventAndCountInTheSubject() throws Exception {
        start(false);
        var n = Fixtures.firing(Severity.CRITICAL, Fixtures.alert("k1", "node-a", "Error rate 42% on node-a"),
                Fixtures.alert("k2", "node-b", "Error rate 17% on node-b"));

        DeliveryOutcome outcome = sender.send(email("127.0.0.1", Optional.empty(), Optional.empty(), List.of("ops@example.com", "oncall@example.com")),
                n, Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(smtp.waitForIncomingEmail(2000, 2)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[CRITICAL] FIRING: High error rate — 2 alerts (prod)");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("VectorFlow <vf@example.com>");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ops@example.com", "oncall@example.com");
        assertThat(mail.getContentType()).startsWith("text/plain");
        assertThat(mail.getMessageID()).isEqualTo("<" + n.eventId() + "@vectorflow>");
        assertThat(mail.getHeader("X-VectorFlow-Event")[0]).isEqualTo("firing");
        String body = mail.getContent().toString();
        assertThat(body).contains("Rule:        High error rate").contains("Environment: prod")
                .contains("- Error rate 42% on node-a").contains("    Node: node-a").contains("    Threshold: 0.05")
                .contains("Open in VectorFlow: https://vf.example.com/alerts/1").contains("Event id: " + n.eventId());
    }

    @Test
    void givenAServerThatRequiresAuth_theRightCredentials_deliverTheResolvedMail() throws Exception {
        start(true);
        var n = Fixtures.resolved(Severity.WARNING, Fixtures.alert("k1", "node-a", "Disk almost full"));

        DeliveryOutcome outcome = sender.send(email("127.0.0.1", Optional.of("alerts"), Optional.of("s3cret"), List.of("ops@example.com")), n,
                Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(smtp.waitForIncomingEmail(2000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[WARNING] RESOLVED: High error rate — 1 alert (prod)");
        assertThat(mail.getContent().toString()).contains("Resolved: 2026-12-06T10:15:30Z");
    }

    @Test
    void givenAWrongPassword_theLoginIsRefused_notRetryable_andNothingArrives() {
        start(true);

        DeliveryOutcome outcome = sender.send(email("127.0.0.1", Optional.of("alerts"), Optional.of("wrong"), List.of("ops@example.com")),
                Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).get().asString().startsWith("the SMTP server refused the login").doesNotContain("wrong");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void givenStartTlsAskedFor_aServerWithoutAUsableStartTls_getsNothingInPlainText() {
        start(false);
        var target = new ChannelTarget.Email("127.0.0.1", smtp.getSmtp().getPort(), true, Optional.empty(), Optional.empty(), "vf@example.com",
                List.of("ops@example.com"));

        DeliveryOutcome outcome = sender.send(target, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void givenAHostName_theMailGoesToTheAddressTheGuardChecked() throws Exception {
        start(false);
        var pinned = new GuardedNotificationSender(Clock.systemUTC(),
                host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})));

        DeliveryOutcome outcome = pinned.send(email("smtp.pinned.test", Optional.empty(), Optional.empty(), List.of("ops@example.com")),
                Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(smtp.waitForIncomingEmail(2000, 1)).isTrue();
    }

    @Test
    void givenNoServerListening_theRefusedConnectionIsRetryable() throws Exception {
        int port;
        try (var free = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        var target = new ChannelTarget.Email("127.0.0.1", port, false, Optional.empty(), Optional.empty(), "vf@example.com",
                List.of("ops@example.com"));

        DeliveryOutcome outcome = sender.send(target, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.error()).get().asString().startsWith("could not talk to the SMTP server");
    }

    @Test
    void givenAServerThatNeverGreets_theDeliveryTimesOutWithinThePolicy_andIsRetryable() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            var target = new ChannelTarget.Email("127.0.0.1", silent.getLocalPort(), false, Optional.empty(), Optional.empty(), "vf@example.com",
                    List.of("ops@example.com"));

            DeliveryOutcome outcome = sender.send(target, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")),
                    Fixtures.loopbackAllowed(java.time.Duration.ofMillis(500)));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.retryable()).isTrue();
            assertThat(outcome.took()).isLessThan(java.time.Duration.ofSeconds(2));
            assertThat(outcome.error()).get().asString().startsWith("timed out");
            for (var socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void givenBadAddressesOrNoRecipients_problemsNamesEach_andSendRefusesWithoutConnecting() {
        var bad = new ChannelTarget.Email("127.0.0.1", 2525, false, Optional.empty(), Optional.empty(), "not an address",
                List.of("ops@example.com", "two@@example.com", "x@example.com\r\nBcc: victim@example.com"));
        var none = new ChannelTarget.Email("127.0.0.1", 0, false, Optional.empty(), Optional.empty(), "vf@example.com", List.of());
        var many = new ChannelTarget.Email("127.0.0.1", 25, false, Optional.empty(), Optional.empty(), "vf@example.com",
                IntStream.range(0, 51).mapToObj(i -> "u" + i + "@example.com").toList());

        assertThat(sender.problems(bad, Fixtures.loopbackAllowed())).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("'from' has 'not an address'"))
                .anySatisfy(p -> assertThat(p).startsWith("'to' has 'two@@example.com'"))
                .anySatisfy(p -> assertThat(p).startsWith("'to' has 'x@example.com Bcc: victim@example.com'"));
        assertThat(sender.problems(none, Fixtures.loopbackAllowed()))
                .containsExactlyInAnyOrder("'port' must be from 1 to 65535 but was 0", "'to' must name at least one recipient");
        assertThat(sender.problems(many, Fixtures.loopbackAllowed())).containsExactly("'to' may name at most 50 recipients but has 51");
        DeliveryOutcome outcome = sender.send(bad, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
    }
}
