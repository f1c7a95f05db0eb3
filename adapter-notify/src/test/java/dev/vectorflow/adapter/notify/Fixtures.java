package dev.vectorflow.adapter.notify;

import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.network.Cidr;
import dev.vectorflow.ports.out.alert.DeliveryPolicy;
import dev.vectorflow.ports.out.alert.Notification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notifications and policies the delivery tests share. */
final class Fixtures {

    static final Instant AT = Instant.parse("2026-12-06T10:15:30Z");

    private Fixtures() {
    }

    /** The default policy: nothing private allowed. */
    static DeliveryPolicy strict() {
        return new DeliveryPolicy(List.of(), Duration.ofSeconds(2));
    }

    /** Loopback allowed, as the tests' receivers need. */
    static DeliveryPolicy loopbackAllowed() {
        return loopbackAllowed(Duration.ofSeconds(2));
    }

    static DeliveryPolicy loopbackAllowed(Duration timeout) {
        return new DeliveryPolicy(List.of(Cidr.parse("allowed", "127.0.0.0/8")), timeout);
    }

    static Notification.Alert alert(String key, String node, String message) {
        return new Notification.Alert(key, message, Optional.of(node), Optional.of("ingest"), Optional.of("http_in"),
                Optional.of("0.42"), Optional.of("0.05"), AT.minusSeconds(300), Optional.empty());
    }

    static Notification firing(Severity severity, Notification.Alert... alerts) {
        return new Notification("evt_01JF0000000000000000000001", Notification.Event.FIRING, "High error rate", severity, "prod",
                List.of(alerts), AT, Optional.of(URI.create("https://vf.example.com/alerts/1")), false);
    }

    static Notification resolved(Severity severity, Notification.Alert... alerts) {
        List<Notification.Alert> done = java.util.Arrays.stream(alerts)
                .map(a -> new Notification.Alert(a.key(), a.message(), a.node(), a.pipeline(), a.component(), a.value(), a.threshold(),
                        a.startedAt(), Optional.of(AT)))
                .toList();
        return new Notification("evt_01JF0000000000000000000002", Notification.Event.RESOLVED, "High error rate", severity, "prod",
                done, AT, Optional.empty(), false);
    }
}
