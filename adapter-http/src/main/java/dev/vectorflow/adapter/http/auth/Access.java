package dev.vectorflow.adapter.http.auth;

import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import io.javalin.http.Context;
import io.javalin.router.EndpointMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * The access rule of one route, declared where the route is registered and enforced before its
 * handler runs: public, any signed-in principal, platform admins only, or a minimum role in the
 * team that owns the addressed object (found by a {@link TeamLocator}; another team's objects
 * answer 404).
 */
public record Access(Kind kind, Role minimumRole, TeamLocator team, boolean allowedWhilePasswordChangeRequired, boolean forUsersOnly,
                     boolean allowedWhileTwoFactorEnrollmentRequired) implements EndpointMetadata {

    /** Who may call. */
    public enum Kind { PUBLIC, SIGNED_IN, PLATFORM_ADMIN, TEAM_ROLE, AGENT, AGENT_ENROLLMENT }

    /** Finds the team that owns the object a request addresses; empty when there is no such object. */
    @FunctionalInterface
    public interface TeamLocator {
        Optional<TeamId> locate(Context ctx);
    }

    public Access {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.TEAM_ROLE) {
            Objects.requireNonNull(minimumRole, "minimumRole");
            Objects.requireNonNull(team, "team");
        }
    }

    public static Access publicRoute() {
        return new Access(Kind.PUBLIC, null, null, true, false, true);
    }

    /** Agents with a node token (checked by the agent API itself); never a user session or API token. */
    public static Access agent() {
        return new Access(Kind.AGENT, null, null, true, false, true);
    }

    /** Agents enrolling with an enrollment token in the body (rate-limited per client address). */
    public static Access agentEnrollment() {
        return new Access(Kind.AGENT_ENROLLMENT, null, null, true, false, true);
    }

    public static Access signedIn() {
        return new Access(Kind.SIGNED_IN, null, null, false, false, false);
    }

    public static Access platformAdmin() {
        return new Access(Kind.PLATFORM_ADMIN, null, null, false, false, false);
    }

    public static Access team(Role minimum, TeamLocator team) {
        return new Access(Kind.TEAM_ROLE, minimum, team, false, false, false);
    }

    /** The same rule, also open to a user whose password must be changed first. */
    public Access evenWhilePasswordChangeRequired() {
        return new Access(kind, minimumRole, team, true, forUsersOnly, allowedWhileTwoFactorEnrollmentRequired);
    }

    /** The same rule, also open to a session that must enrol a second factor first. */
    public Access evenWhileTwoFactorEnrollmentRequired() {
        return new Access(kind, minimumRole, team, allowedWhilePasswordChangeRequired, forUsersOnly, true);
    }

    /** The same rule, for users only (not team tokens). */
    public Access usersOnly() {
        return new Access(kind, minimumRole, team, allowedWhilePasswordChangeRequired, true, allowedWhileTwoFactorEnrollmentRequired);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PUBLIC -> "public";
            case SIGNED_IN -> "signed in";
            case PLATFORM_ADMIN -> "platform admin";
            case TEAM_ROLE -> "team " + minimumRole;
            case AGENT -> "agent (node token)";
            case AGENT_ENROLLMENT -> "agent (enrollment token)";
        };
    }
}
