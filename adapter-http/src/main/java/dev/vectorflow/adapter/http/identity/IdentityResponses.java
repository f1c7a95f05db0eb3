package dev.vectorflow.adapter.http.identity;

import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.ports.in.identity.TeamQueries;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of users, teams, members and tokens, mapped from the domain in one place. */
public final class IdentityResponses {

    private IdentityResponses() {
    }

    /** A user account (never its password hash). */
    public record UserResponse(String id, String email, String name, boolean platformAdmin, boolean mustChangePassword,
                               boolean locked, Instant createdAt, Instant updatedAt) {
        public static UserResponse fromDomain(User u, Instant now) {
            return new UserResponse(u.id().toString(), u.email().value(), u.name().value(), u.platformAdmin(), u.mustChangePassword(),
                    u.lockedAt(now), u.createdAt(), u.updatedAt());
        }
    }

    /** A team, with the caller's role in it when they are a member. */
    public record TeamResponse(String id, String name, Role role, Instant createdAt, Instant updatedAt) {
        public static TeamResponse fromDomain(Team t, Role callerRole) {
            return new TeamResponse(t.id().toString(), t.name().value(), callerRole, t.createdAt(), t.updatedAt());
        }
    }

    /** A member of a team. */
    public record MemberResponse(String userId, String email, String name, Role role) {
        public static MemberResponse fromDomain(TeamQueries.Member m) {
            return new MemberResponse(m.user().id().toString(), m.user().email().value(), m.user().name().value(), m.role());
        }
    }

    /** An API token's metadata; {@code token} only in the answer that created it. */
    public record TokenResponse(String id, String name, Role role, Map<String, String> owner, Instant expiresAt, Instant createdAt,
                                Instant revokedAt, Instant lastUsedAt, String token) {
        public static TokenResponse fromDomain(ApiToken t, String clearToken) {
            Map<String, String> owner = t.user().isPresent()
                    ? Map.of("type", "user", "id", t.user().get().toString())
                    : Map.of("type", "team", "id", t.team().orElseThrow().toString());
            return new TokenResponse(t.id().toString(), t.name(), t.role(), owner, t.expiresAt().orElse(null), t.createdAt(),
                    t.revokedAt().orElse(null), t.lastUsedAt().orElse(null), clearToken);
        }
    }

    /** A list answer. */
    public record Page<T>(List<T> items) {
    }
}
