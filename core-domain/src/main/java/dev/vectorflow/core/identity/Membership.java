package dev.vectorflow.core.identity;

import java.util.Objects;

/** A user's role in one team. */
public record Membership(TeamId teamId, UserId userId, Role role) {

    public Membership {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
