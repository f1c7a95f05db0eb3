package dev.vectorflow.core.promotion;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.PlainText;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A deploy or promotion into an environment that requires approval, held until another admin of the environment's team
 * approves it (then it is carried out) or rejects it, or until it expires. {@code requesterId} is the id of the user or
 * token that asked (an approver must be someone else); the {@code decided...} fields are set once it is decided.
 */
public record ApprovalRequest(ApprovalRequestId id, EnvironmentId environment, ApprovalAction action, String requestedBy, String requesterId,
                              Instant requestedAt, Instant expiresAt, ApprovalState state, Optional<String> decidedBy,
                              Optional<Instant> decidedAt, String reason) {

    /** How long a request waits for an answer. */
    public static final Duration LIFETIME = Duration.ofDays(7);
    public static final int REASON_MAX_LENGTH = 1000;

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(action, "action");
        requestedBy = Objects.requireNonNullElse(requestedBy, "");
        requesterId = Objects.requireNonNullElse(requesterId, "");
        requestedAt = Objects.requireNonNull(requestedAt, "requestedAt").truncatedTo(ChronoUnit.MICROS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(decidedBy, "decidedBy");
        decidedAt = Objects.requireNonNull(decidedAt, "decidedAt").map(t -> t.truncatedTo(ChronoUnit.MICROS));
        reason = checkReason(reason);
    }

    /** A new pending request, expiring {@link #LIFETIME} after {@code now}. */
    public static ApprovalRequest pending(ApprovalRequestId id, EnvironmentId environment, ApprovalAction action, String requestedBy,
                                          String requesterId, Instant now) {
        return new ApprovalRequest(id, environment, action, requestedBy, requesterId, now, now.plus(LIFETIME), ApprovalState.PENDING,
                Optional.empty(), Optional.empty(), "");
    }

    /** Checks a rejection reason: optional, multi-line, at most {@value #REASON_MAX_LENGTH} characters. */
    public static String checkReason(String reason) {
        return PlainText.optionalMultiLine("reason", reason, REASON_MAX_LENGTH);
    }

    /** The state as of {@code now}: a pending request past its expiry is expired. */
    public ApprovalState stateAt(Instant now) {
        return state == ApprovalState.PENDING && !now.isBefore(expiresAt) ? ApprovalState.EXPIRED : state;
    }

    /** The decided copy; only a pending request may be decided. */
    public ApprovalRequest decided(ApprovalState outcome, String by, String why, Instant now) {
        if (stateAt(now) != ApprovalState.PENDING) {
            throw new IllegalStateException("request " + id + " is " + stateAt(now) + ", not PENDING");
        }
        if (outcome == ApprovalState.PENDING) {
            throw new IllegalArgumentException("'outcome' must be a decision but was PENDING");
        }
        return new ApprovalRequest(id, environment, action, requestedBy, requesterId, requestedAt, expiresAt, outcome, Optional.of(by),
                Optional.of(now), why);
    }
}
