package dev.vectorflow.core.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of an alert's state, with the value that caused it: {@code from} is empty for a new alert; an
 * acknowledgement is FIRING → FIRING with {@code by}.
 */
public record AlertTransition(AlertId alert, Optional<String> from, String to, double value, Instant at, Optional<String> by) {
    public AlertTransition {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }
}
