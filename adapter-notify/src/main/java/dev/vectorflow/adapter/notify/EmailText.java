package dev.vectorflow.adapter.notify;

import dev.vectorflow.ports.out.alert.Notification;
import java.util.List;

/** The plain-text body of an alert e-mail: the notification's facts, then each alert (at most {@value #MAX_ALERTS}). */
final class EmailText {

    static final int MAX_ALERTS = 100;

    private EmailText() {
    }

    static String body(Notification n) {
        StringBuilder text = new StringBuilder();
        text.append(NotificationText.title(n)).append("\n\n");
        text.append("Rule:        ").append(n.ruleName()).append('\n');
        text.append("Severity:    ").append(n.severity().name()).append('\n');
        text.append("Environment: ").append(n.environmentName()).append('\n');
        text.append("Event:       ").append(NotificationText.event(n)).append('\n');
        text.append("At:          ").append(n.at()).append('\n');
        text.append("Alerts:      ").append(n.alerts().size()).append("\n");
        List<Notification.Alert> alerts = n.alerts();
        for (Notification.Alert alert : alerts.subList(0, Math.min(alerts.size(), MAX_ALERTS))) {
            text.append("\n- ").append(alert.message()).append('\n');
            for (NotificationText.Fact fact : NotificationText.facts(alert)) {
                text.append("    ").append(fact.name()).append(": ").append(fact.value()).append('\n');
            }
        }
        if (alerts.size() > MAX_ALERTS) {
            text.append("\n…and ").append(alerts.size() - MAX_ALERTS).append(" more alerts\n");
        }
        n.link().ifPresent(link -> text.append("\nOpen in VectorFlow: ").append(link).append('\n'));
        text.append("\nEvent id: ").append(n.eventId()).append('\n');
        return text.toString();
    }
}
