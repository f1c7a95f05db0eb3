package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.ports.out.alert.Notification;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes alerts of one rule into the notification the channels receive (the grouping: one per rule and round and event). */
final class AlertNotifications {

    /** At most this many alerts are listed in one notification. */
    static final int MAX_ALERTS = 100;

    private AlertNotifications() {
    }

    static Notification of(String eventId, Notification.Event event, AlertRule rule, String environmentName, List<Alert> alerts, Instant at,
                           boolean test) {
        return of(eventId, event, rule, environmentName, alerts, at, test, Optional.empty());
    }

    /** With {@code link}: where the UI shows these alerts. */
    static Notification of(String eventId, Notification.Event event, AlertRule rule, String environmentName, List<Alert> alerts, Instant at,
                           boolean test, Optional<URI> link) {
        return new Notification(eventId, event, rule.name(), rule.severity(), environmentName,
                alerts.stream().limit(MAX_ALERTS).map(a -> alert(rule, a)).toList(), at, link, test);
    }

    static Notification.Alert alert(AlertRule rule, Alert a) {
        Instant started = switch (a.state()) {
            case AlertState.Pending p -> p.since();
            case AlertState.Firing f -> f.firedAt();
            case AlertState.Resolved r -> r.firedAt();
        };
        Optional<Instant> resolved = a.state() instanceof AlertState.Resolved r ? Optional.of(r.resolvedAt()) : Optional.empty();
        return new Notification.Alert(a.key(), rule.message().render(a.facts()), Optional.ofNullable(a.facts().get("node")),
                Optional.ofNullable(a.facts().get("pipeline")), Optional.ofNullable(a.facts().get("component")),
                Optional.ofNullable(a.facts().get("value")), Optional.ofNullable(a.facts().get("threshold")), started, resolved);
    }
}
