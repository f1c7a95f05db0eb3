package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.util.List;

/**
 * Use case: a TOTP second factor (RFC 6238) for one's own local account: enrol (a secret for the authenticator app, then
 * a first code turns it on and gives 10 one-time recovery codes), new recovery codes, turning it off with a code; a
 * platform admin's reset; and whether a team requires it. API tokens never need a second factor.
 */
public interface ManageTwoFactorUseCase {

    /** A new secret for the app (base32) and its {@code otpauth://} address (for the QR code); replaces an unconfirmed one. */
    record PendingEnrollment(String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "PendingEnrollment[]";
        }
    }

    /** @throws ConflictFailure when a second factor is on already, or the account has no password (signs in through a provider) */
    PendingEnrollment beginEnrollment(Actor actor, UserId user) throws ConflictFailure;

    /**
     * Turns the second factor on with a first code from the app; answers the 10 recovery codes, shown this once.
     *
     * @throws RejectedCredentialsFailure when the code is wrong
     * @throws ConflictFailure when no enrolment was begun
     */
    List<String> confirmEnrollment(Actor actor, UserId user, String code) throws RejectedCredentialsFailure, ConflictFailure;

    /** New recovery codes (the old ones stop working), with a current code. */
    List<String> regenerateRecoveryCodes(Actor actor, UserId user, String code) throws RejectedCredentialsFailure, ConflictFailure;

    /**
     * Turns one's own second factor off with a current code (or a recovery code).
     *
     * @throws ForbiddenFailure when the platform or one of the user's teams requires a second factor
     */
    void disable(Actor actor, UserId user, String code) throws RejectedCredentialsFailure, ConflictFailure, ForbiddenFailure;

    /** A platform admin removes a user's second factor (lost phone); the user enrols again at the next sign-in if required. */
    void reset(Actor actor, UserId user) throws NotFoundFailure;

    /** Whether the team's members must use a second factor. */
    void setTeamRequirement(Actor actor, TeamId team, boolean required) throws NotFoundFailure;
}
