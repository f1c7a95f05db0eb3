package dev.vectorflow.adapter.notify;

import dev.vectorflow.ports.out.alert.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words every channel uses for a notification: its title, the facts of one alert, the e-mail subject. */
final class NotificationText {

    private NotificationText() {
    }

    /** One named fact of an alert ("Node", "n1"). */
    record Fact(String name, String value) {
    }

    /** "FIRING" or "RESOLVED", with "TEST" before it for a test message. */
    static String event(Notification n) {
        return (n.test() ? "TEST " : "") + n.event().name();
    }

    /** Lower-case event name for machine payloads: "firing" or "resolved". */
    static String eventKey(Notification n) {
        return n.event().name().toLowerCase(Locale.ROOT);
    }

    /** "[FIRING] High error rate (prod)". */
    static String title(Notification n) {
        return "[" + event(n) + "] " + n.ruleName() + " (" + n.environmentName() + ")";
    }

    /** "[CRITICAL] FIRING: High error rate — 3 alerts (prod)". */
    static String subject(Notification n) {
        int count = n.alerts().size();
        return Texts.clean("[" + n.severity().name() + "] " + event(n) + ": " + n.ruleName() + " — " + count
                + (count == 1 ? " alert" : " alerts") + " (" + n.environmentName() + ")", 200);
    }

    /** The facts of one alert other than its message, as "name: value" pairs in a fixed order. */
    static List<Fact> facts(Notification.Alert alert) {
        List<Fact> facts = new ArrayList<>();
        alert.node().ifPresent(v -> facts.add(new Fact("Node", v)));
        alert.pipeline().ifPresent(v -> facts.add(new Fact("Pipeline", v)));
        alert.component().ifPresent(v -> facts.add(new Fact("Component", v)));
        alert.value().ifPresent(v -> facts.add(new Fact("Value", v)));
        alert.threshold().ifPresent(v -> facts.add(new Fact("Threshold", v)));
        facts.add(new Fact("Since", alert.startedAt().toString()));
        alert.resolvedAt().ifPresent(v -> facts.add(new Fact("Resolved", v.toString())));
        return facts;
    }

    /** "Node: n1 · Pipeline: p · Since: …" on one line. */
    static String factLine(Notification.Alert alert) {
        List<String> parts = new ArrayList<>();
        for (Fact fact : facts(alert)) {
            parts.add(fact.name() + ": " + fact.value());
        }
        return String.join(" · ", parts);
    }
}
