package dev.vectorflow.core.access;

import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: nobody, a user (signed in, or through one of their API tokens, possibly capped
 * to a lower role), or a team's API token. Platform admins act as ADMIN of every team.
 */
public sealed interface Principal permits Principal.Anonymous, Principal.Member, Principal.TeamToken {

    /** The caller's role in {@code team}, if any. */
    Optional<Role> roleIn(TeamId team);

    boolean platformAdmin();

    /** The teams the caller belongs to (a platform admin sees all teams besides these). */
    Set<TeamId> teams();

    /** True when the caller sees every team (platform admin). */
    default boolean seesAllTeams() {
        return platformAdmin();
    }

    /** Not signed in. */
    record Anonymous() implements Principal {
        @Override
        public Optional<Role> roleIn(TeamId team) {
            return Optional.empty();
        }

        @Override
        public boolean platformAdmin() {
            return false;
        }

        @Override
        public Set<TeamId> teams() {
            return Set.of();
        }
    }

    /** A user, by session or by a personal API token ({@code tokenId} and {@code cap} set then). */
    record Member(UserId userId, Email email, boolean isPlatformAdmin, boolean mustChangePassword,
                  Map<TeamId, Role> roles, Optional<Role> cap, Optional<ApiTokenId> tokenId) implements Principal {

        public Member {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(email, "email");
            roles = Map.copyOf(roles);
            Objects.requireNonNull(cap, "cap");
            Objects.requireNonNull(tokenId, "tokenId");
        }

        @Override
        public Optional<Role> roleIn(TeamId team) {
            // a platform admin is ADMIN of every team; a personal token caps that like any other role
            Optional<Role> role = isPlatformAdmin ? Optional.of(Role.ADMIN) : Optional.ofNullable(roles.get(team));
            return role.map(r -> cap.map(r::min).orElse(r));
        }

        @Override
        public boolean platformAdmin() {
            // a personal token only carries platform-admin power when it is not capped below ADMIN
            return isPlatformAdmin && cap.map(c -> c == Role.ADMIN).orElse(true);
        }

        @Override
        public Set<TeamId> teams() {
            return roles.keySet();
        }

        @Override
        public boolean seesAllTeams() {
            return isPlatformAdmin;
        }
    }

    /** A team's API token: acts in that one team with its role. */
    record TeamToken(ApiTokenId tokenId, String tokenName, TeamId teamId, Role role) implements Principal {

        public TeamToken {
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public Optional<Role> roleIn(TeamId team) {
            return teamId.equals(team) ? Optional.of(role) : Optional.empty();
        }

        @Override
        public Set<TeamId> teams() {
            return Set.of(teamId);
        }

        @Override
        public boolean platformAdmin() {
            return false;
        }
    }
}
