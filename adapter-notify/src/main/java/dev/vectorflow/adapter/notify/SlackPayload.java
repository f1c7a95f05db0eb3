package dev.vectorflow.adapter.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.ports.out.alert.Notification;
import java.util.List;

/**
 * A Slack incoming-webhook message in Block Kit: a header, the severity/environment/event fields, one section per alert
 * (at most {@value #MAX_ALERTS}, then a count of the rest), the link, and a plain {@code text} fallback for
 * notifications and clients without blocks.
 */
final class SlackPayload {

    static final int MAX_ALERTS = 20;
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;

    private SlackPayload() {
    }

    static String body(Notification n) {
        ObjectNode root = JsonText.object();
        root.put("text", Texts.cut(fallback(n), SECTION_MAX));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Texts.clean(NotificationText.title(n), HEADER_MAX));

        ObjectNode summary = blocks.addObject().put("type", "section");
        ArrayNode fields = summary.putArray("fields");
        field(fields, "Severity", n.severity().name());
        field(fields, "Environment", n.environmentName());
        field(fields, "Event", NotificationText.event(n));
        field(fields, "Alerts", Integer.toString(n.alerts().size()));
        blocks.addObject().put("type", "divider");

        List<Notification.Alert> alerts = n.alerts();
        for (Notification.Alert alert : alerts.subList(0, Math.min(alerts.size(), MAX_ALERTS))) {
            String text = "*" + escape(alert.message()) + "*\n" + escape(NotificationText.factLine(alert));
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", Texts.cut(text, SECTION_MAX));
        }
        if (alerts.size() > MAX_ALERTS) {
            context(blocks, "…and " + (alerts.size() - MAX_ALERTS) + " more alerts");
        }
        n.link().ifPresent(link -> context(blocks, "<" + escape(link.toString()) + "|Open in VectorFlow>"));
        return JsonText.write(root);
    }

    /** The plain text Slack shows in notifications and where blocks cannot be drawn. */
    private static String fallback(Notification n) {
        StringBuilder text = new StringBuilder(NotificationText.title(n)).append(" — ").append(n.severity().name());
        n.alerts().stream().limit(MAX_ALERTS).forEach(alert -> text.append('\n').append(alert.message()));
        return text.toString();
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + escape(value));
    }

    private static void context(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
    }

    /** Slack's mrkdwn treats &, < and > as control characters: they must be sent as entities. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
