package dev.vectorflow.core.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A signed-in browser session. Only the SHA-256 of its random id is stored; the CSRF token is
 * sent to the page and must come back on every state change. Ends after {@code idleTimeout}
 * without use, and at {@code expiresAt} in any case.
 */
public record Session(String idHash, UserId userId, String csrfToken, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                      String sourceAddress, String userAgent) {

    public Session {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(csrfToken, "csrfToken");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        lastSeenAt = Objects.requireNonNull(lastSeenAt, "lastSeenAt").truncatedTo(ChronoUnit.MICROS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MICROS);
        sourceAddress = sourceAddress == null ? "" : sourceAddress;
        userAgent = userAgent == null ? "" : userAgent.substring(0, Math.min(userAgent.length(), 512));
    }

    public boolean activeAt(Instant now, Duration idleTimeout) {
        return now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(idleTimeout));
    }

    @Override
    public String toString() {
        return "Session[user=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
