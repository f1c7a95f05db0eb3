package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.NotificationSender;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationSender} must do: one attempt whose outcome says delivered, or failed and whether another
 * attempt may help; never an exception for what the receiver did; targets the address guard refuses get problems and no
 * delivery. Run against the recording fake and against the guarded sender with a real receiver.
 */
public abstract class NotificationSenderContract {

    /** The default policy: no private network allowed. */
    protected static final DeliveryPolicy STRICT = new DeliveryPolicy(List.of(), Duration.ofSeconds(2));

    private static final Instant AT = Instant.parse("2026-12-06T10:15:30Z");

    protected abstract NotificationSender sender();

    /** A target whose receiver answers every delivery with {@code status}; {@link #allowing()} lets the guard reach it. */
    protected abstract ChannelTarget receiverAnswering(int status);

    /** A policy under which the receivers of {@link #receiverAnswering} may be reached. */
    protected abstract DeliveryPolicy allowing();

    /** A target the guard refuses under {@link #STRICT}. */
    protected abstract ChannelTarget refusedUnderTheStrictPolicy();

    protected static Notification firing() {
        return new Notification("evt_01JF0000000000000000000001", Notification.Event.FIRING, "High error rate", Severity.CRITICAL, "prod",
                List.of(new Notification.Alert("rule-1/node-a", "Error rate 42% on node-a", Optional.of("node-a"), Optional.of("ingest"),
                        Optional.of("http_in"), Optional.of("0.42"), Optional.of("0.05"), AT.minusSeconds(300), Optional.empty())),
                AT, Optional.of(URI.create("https://vf.example.com/alerts/1")), false);
    }

    @Test
    void givenAReceiverAnswering200_whenSent_thenTheOutcomeIsDelivered_withTheStatus_andNoError_andTheTargetHasNoProblems() {
        ChannelTarget target = receiverAnswering(200);

        DeliveryOutcome outcome = sender().send(target, firing(), allowing());

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.statusCode()).hasValue(200);
        assertThat(outcome.error()).isEmpty();
        assertThat(sender().problems(target, allowing())).isEmpty();
    }

    @Test
    void givenAReceiverAnswering5xx_408or429_whenSent_thenTheOutcomeIsNotDelivered_butRetryable_withTheStatusAndAnError() {
        for (int status : new int[] {500, 503, 408, 429}) {
            DeliveryOutcome outcome = sender().send(receiverAnswering(status), firing(), allowing());

            assertThat(outcome.delivered()).as("%d delivered", status).isFalse();
            assertThat(outcome.retryable()).as("%d retryable", status).isTrue();
            assertThat(outcome.statusCode()).hasValue(status);
            assertThat(outcome.error()).as("%d error", status).get().asString().contains(Integer.toString(status));
        }
    }

    @Test
    void givenAReceiverAnsweringAnother4xx_whenSent_thenTheOutcomeIsNotDelivered_andNotRetryable() {
        for (int status : new int[] {400, 401, 404}) {
            DeliveryOutcome outcome = sender().send(receiverAnswering(status), firing(), allowing());

            assertThat(outcome.delivered()).as("%d delivered", status).isFalse();
            assertThat(outcome.retryable()).as("%d retryable", status).isFalse();
            assertThat(outcome.statusCode()).hasValue(status);
        }
    }

    @Test
    void givenATargetTheGuardRefuses_thenProblemsSayWhy_andASendIsNotDelivered_notRetryable_withoutAStatus() {
        ChannelTarget refused = refusedUnderTheStrictPolicy();

        assertThat(sender().problems(refused, STRICT)).isNotEmpty();
        DeliveryOutcome outcome = sender().send(refused, firing(), STRICT);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.statusCode()).isEmpty();
        assertThat(outcome.error()).isPresent();
    }
}
