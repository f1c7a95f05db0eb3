package dev.vectorflow.adapter.postgres.identity;

import static dev.vectorflow.adapter.postgres.identity.PostgresUserRepository.utc;
import static dev.vectorflow.adapter.postgres.jooq.Tables.API_TOKENS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.ApiTokensRecord;
import dev.vectorflow.core.identity.ApiToken;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.ApiTokenRepository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link ApiTokenRepository} on {@code api_tokens}. */
public final class PostgresApiTokenRepository implements ApiTokenRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresApiTokenRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static Optional<Instant> instant(OffsetDateTime t) {
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    private static ApiToken toDomain(ApiTokensRecord r) {
        return new ApiToken(new ApiTokenId(r.getId()), r.getName(), r.getTokenHash(),
                Optional.ofNullable(r.getUserId()).map(UserId::new), Optional.ofNullable(r.getTeamId()).map(TeamId::new),
                Role.valueOf(r.getRole()), instant(r.getExpiresAt()), r.getCreatedAt().toInstant(), instant(r.getRevokedAt()),
                instant(r.getLastUsedAt()));
    }

    @Override
    public void insert(ApiToken t) {
        dsl.get().insertInto(API_TOKENS)
                .set(API_TOKENS.ID, t.id().value()).set(API_TOKENS.NAME, t.name()).set(API_TOKENS.TOKEN_HASH, t.tokenHash())
                .set(API_TOKENS.USER_ID, t.user().map(UserId::value).orElse(null))
                .set(API_TOKENS.TEAM_ID, t.team().map(TeamId::value).orElse(null))
                .set(API_TOKENS.ROLE, t.role().name())
                .set(API_TOKENS.EXPIRES_AT, t.expiresAt().map(PostgresUserRepository::utc).orElse(null))
                .set(API_TOKENS.CREATED_AT, utc(t.createdAt()))
                .execute();
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return dsl.get().selectFrom(API_TOKENS).where(API_TOKENS.TOKEN_HASH.eq(tokenHash)).fetchOptional(PostgresApiTokenRepository::toDomain);
    }

    @Override
    public Optional<ApiToken> findById(ApiTokenId id) {
        return dsl.get().selectFrom(API_TOKENS).where(API_TOKENS.ID.eq(id.value())).fetchOptional(PostgresApiTokenRepository::toDomain);
    }

    @Override
    public List<ApiToken> findByUser(UserId user) {
        return dsl.get().selectFrom(API_TOKENS).where(API_TOKENS.USER_ID.eq(user.value())).orderBy(API_TOKENS.CREATED_AT.desc())
                .fetch(PostgresApiTokenRepository::toDomain);
    }

    @Override
    public List<ApiToken> findByTeam(TeamId team) {
        return dsl.get().selectFrom(API_TOKENS).where(API_TOKENS.TEAM_ID.eq(team.value())).orderBy(API_TOKENS.CREATED_AT.desc())
                .fetch(PostgresApiTokenRepository::toDomain);
    }

    @Override
    public boolean revoke(ApiTokenId id, Instant at) {
        return dsl.get().update(API_TOKENS).set(API_TOKENS.REVOKED_AT, utc(at))
                .where(API_TOKENS.ID.eq(id.value()).and(API_TOKENS.REVOKED_AT.isNull())).execute() == 1;
    }

    @Override
    public void markUsed(ApiTokenId id, Instant at) {
        dsl.get().update(API_TOKENS).set(API_TOKENS.LAST_USED_AT, utc(at)).where(API_TOKENS.ID.eq(id.value())).execute();
    }
}
