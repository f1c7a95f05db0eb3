package dev.vectorflow.core.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.PlainText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import dev.vectorflow.core.validation.InvalidValueException;

/**
 * A credential that lets agents join one environment: shown once, stored as its SHA-256 ({@code hint} keeps the first
 * characters for lists), expiring, single-use by default or limited to {@code maxUses}. Nodes enrolled with it get its
 * labels. A re-enrollment token is bound to an existing node and gives that node a fresh node token.
 */
public record EnrollmentToken(EnrollmentTokenId id, EnvironmentId environmentId, String name, String tokenHash, String hint,
                              int maxUses, int uses, Labels labels, Instant expiresAt, Optional<Instant> revokedAt,
                              Instant createdAt, String createdBy, Optional<NodeId> reenrollNode) {

    public static final String PREFIX = "vf_enroll_";
    public static final int MAX_USES_LIMIT = 100_000;

    /** Where a token stands; only ACTIVE ones enroll. */
    public enum State { ACTIVE, USED_UP, EXPIRED, REVOKED }

    public EnrollmentToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        name = PlainText.optionalLine("name", name, 100);
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(hint, "hint");
        if (maxUses < 1 || maxUses > MAX_USES_LIMIT) {
            throw new InvalidValueException("maxUses", "must be between 1 and " + MAX_USES_LIMIT + " but was " + maxUses);
        }
        if (uses < 0) {
            throw new IllegalArgumentException("'uses' must not be negative");
        }
        labels = labels == null ? Labels.NONE : labels;
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(revokedAt, "revokedAt");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        createdBy = Objects.requireNonNullElse(createdBy, "");
        Objects.requireNonNull(reenrollNode, "reenrollNode");
    }

    /** The first characters of a token text, safe to show in lists. */
    public static String hintOf(String tokenText) {
        return tokenText.substring(0, Math.min(tokenText.length(), PREFIX.length() + 6)) + "…";
    }

    public State state(Instant now) {
        if (revokedAt.isPresent()) {
            return State.REVOKED;
        }
        if (uses >= maxUses) {
            return State.USED_UP;
        }
        if (!now.isBefore(expiresAt)) {
            return State.EXPIRED;
        }
        return State.ACTIVE;
    }

    /** This token after one more enrollment. */
    public EnrollmentToken used() {
        return new EnrollmentToken(id, environmentId, name, tokenHash, hint, maxUses, uses + 1, labels, expiresAt, revokedAt, createdAt,
                createdBy, reenrollNode);
    }

    public EnrollmentToken revoked(Instant at) {
        return new EnrollmentToken(id, environmentId, name, tokenHash, hint, maxUses, uses, labels, expiresAt, Optional.of(at), createdAt,
                createdBy, reenrollNode);
    }
}
