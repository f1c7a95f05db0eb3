package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.SessionRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link SessionRepository} over a map keyed by the hash of the session id. */
public final class InMemorySessionRepository implements SessionRepository, InMemoryTransactions.Participant {

    private Map<String, Session> sessions = new LinkedHashMap<>();

    public int size() {
        return sessions.size();
    }

    @Override
    public void insert(Session session) {
        sessions.put(session.idHash(), session);
    }

    @Override
    public Optional<Session> findByIdHash(String idHash) {
        return Optional.ofNullable(sessions.get(idHash));
    }

    @Override
    public void touch(String idHash, Instant lastSeenAt) {
        sessions.computeIfPresent(idHash, (h, s) -> new Session(s.idHash(), s.userId(), s.csrfToken(), s.createdAt(), lastSeenAt, s.expiresAt(),
                s.sourceAddress(), s.userAgent()));
    }

    @Override
    public boolean delete(String idHash) {
        return sessions.remove(idHash) != null;
    }

    @Override
    public int deleteAllOf(UserId user) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.userId().equals(user));
        return before - sessions.size();
    }

    @Override
    public int deleteExpired(Instant now, Instant idleBefore) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(now) || s.lastSeenAt().isBefore(idleBefore));
        return before - sessions.size();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(sessions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        sessions = new LinkedHashMap<>((Map<String, Session>) snapshot);
    }
}
