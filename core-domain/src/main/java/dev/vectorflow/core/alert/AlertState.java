package dev.vectorflow.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an alert is in its life: pending (the condition holds but not yet for the rule's for-duration), firing
 * (possibly acknowledged), resolved. Each state offers only the transitions that are legal from it.
 */
public sealed interface AlertState {

    /** PENDING, FIRING or RESOLVED, as the API and the database name it. */
    String name();

    /** The condition holds since {@code since}; {@code lastResolvedAt} is when this alert last resolved (for the cooldown). */
    record Pending(Instant since, Optional<Instant> lastResolvedAt) implements AlertState {
        public Pending {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastResolvedAt, "lastResolvedAt");
        }

        @Override
        public String name() {
            return "PENDING";
        }

        /** True once the condition held for {@code forDuration} and the cooldown after the last resolution is over. */
        public boolean dueAt(Instant now, Duration forDuration, Duration cooldown) {
            boolean held = !now.isBefore(since.plus(forDuration));
            boolean cooled = lastResolvedAt.map(r -> !now.isBefore(r.plus(cooldown))).orElse(true);
            return held && cooled;
        }

        public Firing fire(Instant now) {
            return new Firing(since, now, Optional.empty());
        }

        /** The condition went away before the alert fired: back to what it was before. */
        public Optional<AlertState> cancel() {
            return lastResolvedAt.map(r -> new Resolved(r, r));
        }
    }

    /** The alert fires since {@code firedAt}; someone may have acknowledged it. */
    record Firing(Instant since, Instant firedAt, Optional<Acknowledgement> acknowledged) implements AlertState {
        public Firing {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(firedAt, "firedAt");
            Objects.requireNonNull(acknowledged, "acknowledged");
        }

        @Override
        public String name() {
            return "FIRING";
        }

        public Firing acknowledge(Acknowledgement acknowledgement) {
            return new Firing(since, firedAt, Optional.of(acknowledgement));
        }

        public Resolved resolve(Instant now) {
            return new Resolved(firedAt, now);
        }
    }

    /** The alert fired at {@code firedAt} and is over since {@code resolvedAt}. */
    record Resolved(Instant firedAt, Instant resolvedAt) implements AlertState {
        public Resolved {
            Objects.requireNonNull(firedAt, "firedAt");
            Objects.requireNonNull(resolvedAt, "resolvedAt");
        }

        @Override
        public String name() {
            return "RESOLVED";
        }

        public Pending recur(Instant now) {
            return new Pending(now, Optional.of(resolvedAt));
        }
    }
}
