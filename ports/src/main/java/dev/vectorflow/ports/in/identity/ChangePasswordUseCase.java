package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.UserId;

/** Use case: a user changes their own password (giving the current one); other sessions end. */
public interface ChangePasswordUseCase {

    /** @throws RejectedCredentialsFailure when the current password is wrong */
    void changePassword(Actor actor, UserId user, Password current, Password replacement, String keepSessionToken)
            throws RejectedCredentialsFailure;
}
