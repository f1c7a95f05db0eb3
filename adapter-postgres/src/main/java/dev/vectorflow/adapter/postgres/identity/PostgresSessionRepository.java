package dev.vectorflow.adapter.postgres.identity;

import static dev.vectorflow.adapter.postgres.identity.PostgresUserRepository.utc;
import static dev.vectorflow.adapter.postgres.jooq.Tables.SESSIONS;
import static dev.vectorflow.adapter.postgres.jooq.Tables.SETUP_TOKENS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.SessionsRecord;
import dev.vectorflow.core.identity.Session;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.SessionRepository;
import dev.vectorflow.ports.out.persistence.SetupTokenRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link SessionRepository} on {@code sessions} and {@link SetupTokenRepository} on {@code setup_tokens}: both store only hashes. */
public final class PostgresSessionRepository implements SessionRepository, SetupTokenRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresSessionRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static Session toDomain(SessionsRecord r) {
        return new Session(r.getIdHash(), new UserId(r.getUserId()), r.getCsrfToken(), r.getCreatedAt().toInstant(),
                r.getLastSeenAt().toInstant(), r.getExpiresAt().toInstant(), r.getSourceAddress(), r.getUserAgent());
    }

    @Override
    public void insert(Session s) {
        dsl.get().insertInto(SESSIONS)
                .set(SESSIONS.ID_HASH, s.idHash()).set(SESSIONS.USER_ID, s.userId().value()).set(SESSIONS.CSRF_TOKEN, s.csrfToken())
                .set(SESSIONS.CREATED_AT, utc(s.createdAt())).set(SESSIONS.LAST_SEEN_AT, utc(s.lastSeenAt()))
                .set(SESSIONS.EXPIRES_AT, utc(s.expiresAt())).set(SESSIONS.SOURCE_ADDRESS, truncate(s.sourceAddress(), 64))
                .set(SESSIONS.USER_AGENT, s.userAgent())
                .execute();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public Optional<Session> findByIdHash(String idHash) {
        return dsl.get().selectFrom(SESSIONS).where(SESSIONS.ID_HASH.eq(idHash)).fetchOptional(PostgresSessionRepository::toDomain);
    }

    @Override
    public void touch(String idHash, Instant lastSeenAt) {
        dsl.get().update(SESSIONS).set(SESSIONS.LAST_SEEN_AT, utc(lastSeenAt)).where(SESSIONS.ID_HASH.eq(idHash)).execute();
    }

    @Override
    public boolean delete(String idHash) {
        return dsl.get().deleteFrom(SESSIONS).where(SESSIONS.ID_HASH.eq(idHash)).execute() == 1;
    }

    @Override
    public int deleteAllOf(UserId user) {
        return dsl.get().deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(user.value())).execute();
    }

    @Override
    public int deleteExpired(Instant now, Instant idleBefore) {
        return dsl.get().deleteFrom(SESSIONS)
                .where(SESSIONS.EXPIRES_AT.le(utc(now)).or(SESSIONS.LAST_SEEN_AT.lt(utc(idleBefore)))).execute();
    }

    @Override
    public void insert(String tokenHash, Instant expiresAt) {
        dsl.get().insertInto(SETUP_TOKENS).set(SETUP_TOKENS.TOKEN_HASH, tokenHash).set(SETUP_TOKENS.EXPIRES_AT, utc(expiresAt)).execute();
    }

    @Override
    public boolean isValid(String tokenHash, Instant now) {
        return dsl.get().fetchExists(SETUP_TOKENS, SETUP_TOKENS.TOKEN_HASH.eq(tokenHash).and(SETUP_TOKENS.EXPIRES_AT.gt(utc(now))));
    }

    @Override
    public void deleteAll() {
        dsl.get().deleteFrom(SETUP_TOKENS).execute();
    }
}
