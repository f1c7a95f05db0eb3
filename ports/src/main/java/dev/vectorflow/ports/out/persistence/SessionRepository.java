package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.UserId;
import java.time.Instant;
import java.util.Optional;

/** Driven port: stores browser sessions by the hash of their id. */
public interface SessionRepository {

    void insert(Session session);

    Optional<Session> findByIdHash(String idHash);

    /** Moves the last-seen time of that session, if it exists; nothing else changes. */
    void touch(String idHash, Instant lastSeenAt);

    boolean delete(String idHash);

    /** Ends every session of a user (sign out everywhere, password change) and says how many. */
    int deleteAllOf(UserId user);

    /**
     * Ends the sessions that expire at or before {@code now}, or were last seen before {@code idleBefore}.
     *
     * @return how many it ended
     */
    int deleteExpired(Instant now, Instant idleBefore);
}
