package dev.vectorflow.adapter.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses sign-ins from an address after too many failures in a window (per server process),
 * on top of the per-account lockout the domain keeps. Memory stays bounded: expired windows are
 * dropped as the map grows.
 */
public final class SignInThrottle {

    private record Window(Instant start, int failures) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

    public SignInThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long the address must wait, if it is blocked now. */
    public Optional<Duration> blocked(String address) {
        Window w = byAddress.get(address);
        Instant now = clock.instant();
        if (w == null || !now.isBefore(w.start().plus(window)) || w.failures() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, w.start().plus(window)));
    }

    public void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() > 100_000) {
            byAddress.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        byAddress.compute(address, (a, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    public void succeeded(String address) {
        byAddress.remove(address);
    }
}
