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

    boolean update(User user);

    boolean delete(UserId id);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(Email email);

    /** Every user, ordered by e-mail. */
    List<User> findAll();

    long count();
}
