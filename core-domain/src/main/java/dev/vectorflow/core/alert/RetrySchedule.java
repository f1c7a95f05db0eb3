package dev.vectorflow.core.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed delivery again: {@code first} after the first failure, doubling up to {@code longest}; after
 * {@code attempts} attempts (or a failure that cannot succeed on retry) the delivery is a dead letter.
 */
public record RetrySchedule(Duration first, Duration longest, int attempts) {

    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(10), 8);

    public RetrySchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("'retrySchedule' must have 0 < first <= longest and attempts >= 1 but was " + first + ", "
                    + longest + ", " + attempts);
        }
    }

    /** The wait before the next attempt after {@code attemptsMade} failed ones, or empty when the delivery is dead. */
    public Optional<Duration> waitAfter(int attemptsMade, boolean retryable) {
        if (!retryable || attemptsMade >= attempts) {
            return Optional.empty();
        }
        Duration wait = first;
        for (int i = 1; i < attemptsMade && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return Optional.of(wait.compareTo(longest) > 0 ? longest : wait);
    }
}
