package dev.vectorflow.core.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import dev.vectorflow.core.validation.PlainText;

/**
 * An API token for automation, owned by a user (acting as that user, capped to {@code role}) or by
 * a team (acting in that team with {@code role}). Only its SHA-256 is stored.
 */
public record ApiToken(ApiTokenId id, String name, String tokenHash, Optional<UserId> user, Optional<TeamId> team, Role role,
                       Optional<Instant> expiresAt, Instant createdAt, Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        PlainText.requireSingleLine("name", name, 100);
        Objects.requireNonNull(tokenHash, "tokenHash");
        if (user.isPresent() == team.isPresent()) {
            throw new IllegalArgumentException("an API token belongs to exactly one user or one team");
        }
        Objects.requireNonNull(role, "role");
        expiresAt = expiresAt.map(t -> t.truncatedTo(ChronoUnit.MICROS));
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        revokedAt = revokedAt.map(t -> t.truncatedTo(ChronoUnit.MICROS));
        lastUsedAt = lastUsedAt.map(t -> t.truncatedTo(ChronoUnit.MICROS));
    }

    public boolean usableAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", name=" + name + ", role=" + role + "]";
    }
}
