package dev.vectorflow.ports.out.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** One attempt to deliver, as stored and shown: when, the receiver's status code, how long it took, the error. */
public record DeliveryAttempt(Instant at, OptionalInt statusCode, Duration took, Optional<String> error) {
    public DeliveryAttempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(took, "took");
        error = Objects.requireNonNull(error, "error").map(e -> e.length() > 1000 ? e.substring(0, 1000) : e);
    }

    public static DeliveryAttempt of(Instant at, DeliveryOutcome outcome) {
        return new DeliveryAttempt(at, outcome.statusCode(), outcome.took(), outcome.error());
    }
}
