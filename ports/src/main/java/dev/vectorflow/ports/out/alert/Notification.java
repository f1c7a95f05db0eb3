package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.alert.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to one channel: alerts of one rule that changed state in one evaluation, grouped. {@code eventId} is
 * stable across retries (the webhook id, PagerDuty's event, the e-mail's Message-ID seed).
 */
public record Notification(String eventId, Event event, String ruleName, Severity severity, String environmentName,
                           List<Alert> alerts, Instant at, Optional<URI> link, boolean test) {

    /** What happened to the alerts in this notification. */
    public enum Event {
        FIRING, RESOLVED
    }

    /**
     * One alert instance: {@code key} identifies it across its life (rule + node/pipeline/component; PagerDuty's dedup
     * key), {@code message} is the rule's template filled with the facts.
     */
    public record Alert(String key, String message, Optional<String> node, Optional<String> pipeline, Optional<String> component,
                        Optional<String> value, Optional<String> threshold, Instant startedAt, Optional<Instant> resolvedAt) {
        public Alert {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    public Notification {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(environmentName, "environmentName");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(link, "link");
    }
}
