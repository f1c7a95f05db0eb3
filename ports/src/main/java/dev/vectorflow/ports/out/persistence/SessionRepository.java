package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.UserId;
import java.time.Instant;
import java.util.Optional;

/** Driven port: stores browser sessions by the hash of their id. */
public interface SessionRepository {

    void insert(Session session);

    Optional<Session> findByIdHash(String idHash);

    void touch(String idHash, Instant lastSeenAt);

    boolean delete(String idHash);

    /** Ends every session of a user (sign out everywhere, password change). */
    int deleteAllOf(UserId user);

    int deleteExpired(Instant now, Instant idleBefore);
}
