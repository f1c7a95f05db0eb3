package dev.vectorflow.adapter.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.ports.out.alert.Notification;
import java.util.List;

/**
 * A Microsoft Teams message carrying one Adaptive Card (version 1.4), the form both Workflows ("post to a channel when
 * a webhook request is received") and the older incoming webhooks accept: a title, a fact set for the notification,
 * one block per alert (at most {@value #MAX_ALERTS}) and an "Open in VectorFlow" action.
 */
final class TeamsPayload {

    static final int MAX_ALERTS = 20;

    private TeamsPayload() {
    }

    static String body(Notification n) {
        ObjectNode root = JsonText.object();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("size", "Large").put("weight", "Bolder").put("wrap", true)
                .put("color", color(n)).put("text", NotificationText.title(n));
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Severity", n.severity().name());
        fact(facts, "Environment", n.environmentName());
        fact(facts, "Event", NotificationText.event(n));
        fact(facts, "Alerts", Integer.toString(n.alerts().size()));

        List<Notification.Alert> alerts = n.alerts();
        for (Notification.Alert alert : alerts.subList(0, Math.min(alerts.size(), MAX_ALERTS))) {
            ObjectNode container = body.addObject().put("type", "Container").put("separator", true);
            ArrayNode items = container.putArray("items");
            items.addObject().put("type", "TextBlock").put("weight", "Bolder").put("wrap", true).put("text", alert.message());
            items.addObject().put("type", "TextBlock").put("isSubtle", true).put("wrap", true).put("text", NotificationText.factLine(alert));
        }
        if (alerts.size() > MAX_ALERTS) {
            body.addObject().put("type", "TextBlock").put("isSubtle", true).put("text", "…and " + (alerts.size() - MAX_ALERTS) + " more alerts");
        }
        n.link().ifPresent(link -> card.putArray("actions").addObject().put("type", "Action.OpenUrl")
                .put("title", "Open in VectorFlow").put("url", link.toString()));
        return JsonText.write(root);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }

    /** Red while critical alerts fire, amber for warnings, green once resolved. */
    private static String color(Notification n) {
        if (n.event() == Notification.Event.RESOLVED) {
            return "Good";
        }
        return switch (n.severity()) {
            case CRITICAL -> "Attention";
            case WARNING -> "Warning";
            case INFO -> "Accent";
        };
    }
}
