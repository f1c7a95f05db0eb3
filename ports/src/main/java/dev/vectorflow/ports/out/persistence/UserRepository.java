package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import java.util.List;
import java.util.Optional;

/** Driven port: stores user accounts. */
public interface UserRepository {

    /** @throws UniqueViolation when the e-mail address is taken */
    void insert(User user);

    /**
     * Replaces every field but the creation time.
     *
     * @return false (storing nothing) when no such user exists
     * @throws UniqueViolation when the e-mail address is another user's
     */
    boolean update(User user);

    /** @return whether the user existed */
    boolean delete(UserId id);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(Email email);

    /** Every user, ordered by e-mail. */
    List<User> findAll();

    long count();
}
