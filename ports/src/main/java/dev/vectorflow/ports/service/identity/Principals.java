package dev.vectorflow.ports.service.identity;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the principal of a user from their memberships. */
final class Principals {

    private Principals() {
    }

    static Principal.Member of(User user, TeamRepository teams, Optional<Role> cap, Optional<ApiTokenId> token) {
        Map<TeamId, Role> roles = new HashMap<>();
        for (Membership m : teams.membershipsOfUser(user.id())) {
            roles.put(m.teamId(), m.role());
        }
        return new Principal.Member(user.id(), user.email(), user.platformAdmin(), user.mustChangePassword(), roles, cap, token);
    }
}
