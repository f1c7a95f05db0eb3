package dev.vectorflow.agent.pipeline;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff: {@code base} doubling per attempt up to {@code cap}; with full jitter a random part of it. */
public record Backoff(Duration base, Duration cap) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap but was base=" + base + ", cap=" + cap);
        }
    }

    /** The delay before attempt {@code attempt} (1 = the first retry): base, 2 base, 4 base, ... at most cap. */
    public Duration delay(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    /** Full jitter: uniformly between 0 and {@link #delay(int)}, so that many agents do not retry in the same second. */
    public Duration jittered(int attempt, RandomGenerator random) {
        long max = delay(attempt).toMillis();
        return Duration.ofMillis(random.nextLong(max + 1));
    }
}
