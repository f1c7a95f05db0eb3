package dev.vectorflow.core.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * The one place that decides an alert's next state from its current one and what the condition says now. No reading
 * (the node or pipeline is gone, no data) counts as {@link Verdict#CLEAR}.
 */
public final class AlertLifecycle {

    private AlertLifecycle() {
    }

    /** @return the next state, or empty when there is nothing to keep (a pending alert that never fired went away) */
    public static Optional<AlertState> next(AlertRule rule, Optional<AlertState> current, Verdict verdict, Instant now) {
        AlertState state = current.orElse(null);
        return switch (state) {
            case null -> verdict == Verdict.BREACH ? Optional.of(promote(rule, new AlertState.Pending(now, Optional.empty()), now))
                    : Optional.empty();
            case AlertState.Pending p -> switch (verdict) {
                case CLEAR -> p.cancel();
                case BREACH, HOLD -> Optional.of(promote(rule, p, now));
            };
            case AlertState.Firing f -> verdict == Verdict.CLEAR ? Optional.of(f.resolve(now)) : Optional.of(f);
            case AlertState.Resolved r -> verdict == Verdict.BREACH ? Optional.of(promote(rule, r.recur(now), now)) : Optional.of(r);
        };
    }

    private static AlertState promote(AlertRule rule, AlertState.Pending pending, Instant now) {
        return pending.dueAt(now, rule.forDuration(), rule.cooldown()) ? pending.fire(now) : pending;
    }
}
