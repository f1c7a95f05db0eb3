package dev.vectorflow.ports.out.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one delivery attempt came to: delivered, or failed with an error for people; {@code retryable} says whether
 * another attempt may succeed (a 5xx, a timeout, a refused connection) or not (a 4xx other than 408/429, an address
 * the guard refuses).
 */
public record DeliveryOutcome(boolean delivered, boolean retryable, OptionalInt statusCode, Duration took, Optional<String> error) {
    public DeliveryOutcome {
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(error, "error");
    }
}
