package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.time.Instant;
import java.util.Optional;

/** Use case: create (shown once), list and revoke API tokens of a user or a team. Audited. */
public interface ManageApiTokensUseCase {

    /** A user's personal token; refused when the caller is a personal token capped below {@code role}. */
    CreatedToken createUserToken(Actor actor, UserId owner, String name, Role role, Optional<Instant> expiresAt)
            throws NotFoundFailure, ForbiddenFailure;

    CreatedToken createTeamToken(Actor actor, TeamId owner, String name, Role role, Optional<Instant> expiresAt) throws NotFoundFailure;

    void revoke(Actor actor, ApiTokenId id) throws NotFoundFailure;

    /** A new token: {@code token} is its only appearance in clear. */
    record CreatedToken(String token, ApiToken stored) {
        @Override
        public String toString() {
            return "CreatedToken[" + stored + "]";
        }
    }
}
