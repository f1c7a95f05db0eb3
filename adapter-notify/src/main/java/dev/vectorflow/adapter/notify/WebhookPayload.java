package dev.vectorflow.adapter.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.ports.out.alert.Notification;
import java.util.Locale;

/**
 * The generic webhook's JSON, in the Standard Webhooks envelope: {@code type} ("alert.firing" / "alert.resolved"),
 * {@code timestamp}, and {@code data} with the event id, the event, the rule and every alert with its facts.
 */
final class WebhookPayload {

    private WebhookPayload() {
    }

    static String body(Notification n) {
        ObjectNode root = JsonText.object();
        root.put("id", n.eventId());
        root.put("type", "alert." + NotificationText.eventKey(n));
        root.put("timestamp", n.at().toString());
        ObjectNode data = root.putObject("data");
        data.put("eventId", n.eventId());
        data.put("event", NotificationText.eventKey(n));
        data.put("rule", n.ruleName());
        data.put("severity", n.severity().name().toLowerCase(Locale.ROOT));
        data.put("environment", n.environmentName());
        data.put("test", n.test());
        JsonText.putOptional(data, "link", n.link());
        ArrayNode alerts = data.putArray("alerts");
        for (Notification.Alert alert : n.alerts()) {
            alerts.add(alertJson(alert));
        }
        return JsonText.write(root);
    }

    /** One alert's fields; absent facts are JSON null so a receiver sees every field every time. */
    static ObjectNode alertJson(Notification.Alert alert) {
        ObjectNode node = JsonText.object();
        node.put("key", alert.key());
        node.put("message", alert.message());
        JsonText.putOptional(node, "node", alert.node());
        JsonText.putOptional(node, "pipeline", alert.pipeline());
        JsonText.putOptional(node, "component", alert.component());
        JsonText.putOptional(node, "value", alert.value());
        JsonText.putOptional(node, "threshold", alert.threshold());
        node.put("startedAt", alert.startedAt().toString());
        JsonText.putOptional(node, "resolvedAt", alert.resolvedAt());
        return node;
    }
}
