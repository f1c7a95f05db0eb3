package dev.vectorflow.adapter.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.ports.out.alert.Notification;
import java.util.List;
import java.util.Locale;

/**
 * PagerDuty Events API v2 bodies, one per alert: {@code trigger} while firing, {@code resolve} once resolved, with the
 * alert's key as {@code dedup_key} so PagerDuty folds repeats into one incident and resolves the right one.
 */
final class PagerDutyEvents {

    private static final int SUMMARY_MAX = 1024;
    private static final int DEDUP_MAX = 255;

    private PagerDutyEvents() {
    }

    static List<String> bodies(Notification n, String routingKey) {
        return n.alerts().stream().map(alert -> body(n, alert, routingKey)).toList();
    }

    private static String body(Notification n, Notification.Alert alert, String routingKey) {
        ObjectNode root = JsonText.object();
        root.put("routing_key", routingKey);
        boolean resolve = n.event() == Notification.Event.RESOLVED;
        root.put("event_action", resolve ? "resolve" : "trigger");
        root.put("dedup_key", Texts.cut(alert.key(), DEDUP_MAX));
        if (!resolve) {
            ObjectNode payload = root.putObject("payload");
            payload.put("summary", Texts.clean((n.test() ? "[TEST] " : "") + n.ruleName() + ": " + alert.message(), SUMMARY_MAX));
            payload.put("source", alert.node().orElse(n.environmentName()));
            payload.put("severity", severity(n));
            payload.put("timestamp", alert.startedAt().toString());
            alert.component().ifPresent(c -> payload.put("component", c));
            alert.pipeline().ifPresent(p -> payload.put("group", p));
            payload.put("class", n.ruleName());
            ObjectNode details = payload.putObject("custom_details");
            details.put("environment", n.environmentName());
            details.put("event_id", n.eventId());
            NotificationText.facts(alert).forEach(fact -> details.put(fact.name().toLowerCase(Locale.ROOT), fact.value()));
            root.put("client", "VectorFlow");
            n.link().ifPresent(link -> {
                root.put("client_url", link.toString());
                root.putArray("links").addObject().put("href", link.toString()).put("text", "Open in VectorFlow");
            });
        }
        return JsonText.write(root);
    }

    /** INFO → info, WARNING → warning, CRITICAL → critical (PagerDuty also knows "error", unused here). */
    private static String severity(Notification n) {
        return switch (n.severity()) {
            case INFO -> "info";
            case WARNING -> "warning";
            case CRITICAL -> "critical";
        };
    }
}
