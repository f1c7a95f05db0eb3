package dev.vectorflow.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.Notification;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a failed delivery reports: the status, a short clean error, and whether another try may pass. */
class DeliveryFailureTest {

    private static final Notification N = Fixtures.firing(Severity.WARNING, Fixtures.alert("k", "node-a", "m"));

    private final GuardedNotificationSender sender = new GuardedNotificationSender(Clock.systemUTC());
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private DeliveryOutcome send(URI url) {
        return sender.send(new ChannelTarget.Slack(url), N, Fixtures.loopbackAllowed());
    }

    @Test
    void givenA500_theOutcomeIsRetryable_withTheStatusAndACappedCleanExcerpt() {
        receiver.answering(500, "boom\n\u0007\u202E" + "x".repeat(10_000));

        DeliveryOutcome outcome = send(receiver.url("/services/T0/B0/SECRETPATH"));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.statusCode()).hasValue(500);
        assertThat(outcome.error()).get().asString().startsWith("the receiver answered 500: boom x").hasSizeLessThan(300)
                .doesNotContain("\n").doesNotContain("\u0007").doesNotContain("\u202E");
    }

    @Test
    void givenA404_theOutcomeIsNotRetryable() {
        receiver.answering(404, "no_service");

        DeliveryOutcome outcome = send(receiver.url("/services/gone"));

        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.statusCode()).hasValue(404);
        assertThat(outcome.error()).hasValue("the receiver answered 404: no_service");
    }

    @Test
    void givenA429orA408_theOutcomeIsRetryable() {
        receiver.answering(429, "rate_limited");
        assertThat(send(receiver.url("/s")).retryable()).isTrue();
        receiver.answering(408, "");
        assertThat(send(receiver.url("/s")).retryable()).isTrue();
    }

    @Test
    void givenARedirect_itIsNotFollowed_andIsNotRetryable() throws Exception {
        try (Receiver elsewhere = new Receiver()) {
            receiver.redirectingTo(elsewhere.url("/landing").toString());

            DeliveryOutcome outcome = send(receiver.url("/s"));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.retryable()).isFalse();
            assertThat(outcome.statusCode()).hasValue(302);
            assertThat(outcome.error()).get().asString().contains("redirect").contains("not followed");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void givenAReceiverThatHangs_theDeliveryTimesOutWithinThePolicy_andIsRetryable() {
        receiver.hangingFor(Duration.ofSeconds(20));

        DeliveryOutcome outcome = sender.send(new ChannelTarget.Slack(receiver.url("/services/T0/B0/SECRETPATH")), N,
                Fixtures.loopbackAllowed(Duration.ofMillis(500)));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.took()).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome.error()).get().asString().startsWith("timed out (127.0.0.1)").doesNotContain("SECRETPATH");
    }

    @Test
    void givenAReceiverThatClosesTheConnection_theOutcomeIsRetryable() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!rude.isClosed()) {
                    try (Socket s = rude.accept()) {
                        s.getInputStream().read();
                    } catch (Exception ignored) {
                        // closed by the test
                    }
                }
            });

            DeliveryOutcome outcome = send(URI.create("http://127.0.0.1:" + rude.getLocalPort() + "/services/T0/B0/SECRETPATH"));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.retryable()).isTrue();
            assertThat(outcome.statusCode()).isEmpty();
            assertThat(outcome.error()).get().asString().startsWith("the connection failed (127.0.0.1)").doesNotContain("SECRETPATH");
        }
    }

    @Test
    void givenNothingListening_theRefusedConnectionIsRetryable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        DeliveryOutcome outcome = send(URI.create("http://127.0.0.1:" + port + "/s"));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.error()).get().asString().startsWith("could not connect (127.0.0.1)");
    }
}
