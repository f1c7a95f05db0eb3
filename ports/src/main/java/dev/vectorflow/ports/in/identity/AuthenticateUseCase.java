package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.identity.Session;
import java.util.Optional;

/** Use case: find out who is calling from a session cookie or a bearer token. */
public interface AuthenticateUseCase {

    /** The session's user when the session is active (and marks it used); empty otherwise. */
    Optional<SessionPrincipal> bySession(String sessionToken);

    /** The principal of an API token that is known, not revoked and not expired; empty otherwise. */
    Optional<Principal> byApiToken(String token);

    /**
     * A signed-in user and the session they use; {@code twoFactorEnrollmentRequired} while a second factor is required of
     * them (platform-wide or by one of their teams) and they signed in with a password but have none yet: such a session
     * may only enrol one, read who it is and sign out.
     */
    record SessionPrincipal(Principal.Member principal, Session session, boolean twoFactorEnrollmentRequired) {
        public SessionPrincipal(Principal.Member principal, Session session) {
            this(principal, session, false);
        }
    }
}
