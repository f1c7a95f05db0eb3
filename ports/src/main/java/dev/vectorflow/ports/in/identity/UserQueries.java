package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import java.util.List;

/** Read side of users. */
public interface UserQueries {

    List<User> listUsers();

    User getUser(UserId id) throws NotFoundFailure;

    List<Membership> membershipsOf(UserId id);
}
