package dev.vectorflow.ports.service.identity;

import java.time.Duration;
import java.util.Objects;

/** How long sessions live: ended after {@code idleTimeout} without use and after {@code absoluteLifetime} in any case. */
public record SessionPolicy(Duration idleTimeout, Duration absoluteLifetime) {

    public SessionPolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
    }

    public static SessionPolicy defaults() {
        return new SessionPolicy(Duration.ofHours(8), Duration.ofDays(7));
    }
}
