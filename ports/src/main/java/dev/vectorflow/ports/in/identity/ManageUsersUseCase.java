package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import java.util.Optional;

/** Use case: platform admins create, change, reset and delete user accounts. Audited. */
public interface ManageUsersUseCase {

    /** @throws ConflictFailure when the e-mail address is taken */
    User createUser(Actor actor, Email email, PersonName name, Password initialPassword, boolean platformAdmin) throws ConflictFailure;

    /** @throws ForbiddenFailure when it would leave no platform admin */
    User updateUser(Actor actor, UserId id, Optional<PersonName> name, Optional<Boolean> platformAdmin)
            throws NotFoundFailure, ForbiddenFailure;

    /** Sets a temporary password the user must change at next sign-in; ends their sessions. */
    void resetPassword(Actor actor, UserId id, Password temporary) throws NotFoundFailure;

    /** @throws ForbiddenFailure when it would delete the last platform admin or oneself */
    void deleteUser(Actor actor, UserId id) throws NotFoundFailure, ForbiddenFailure;
}
