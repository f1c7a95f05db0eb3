package dev.vectorflow.adapter.postgres.identity;

import static dev.vectorflow.adapter.postgres.identity.PostgresUserRepository.utc;
import static dev.vectorflow.adapter.postgres.jooq.Tables.TEAM_TWO_FACTOR_REQUIREMENTS;
import static dev.vectorflow.adapter.postgres.jooq.Tables.TWO_FACTOR;
import static dev.vectorflow.adapter.postgres.jooq.Tables.TWO_FACTOR_CHALLENGES;

import dev.vectorflow.adapter.postgres.jooq.tables.records.TwoFactorRecord;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.identity.TwoFactorRepository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link TwoFactorRepository} on {@code two_factor}, {@code two_factor_challenges} and {@code team_two_factor_requirements}. */
public final class PostgresTwoFactorRepository implements TwoFactorRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresTwoFactorRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static Enrollment toDomain(TwoFactorRecord r) {
        List<String> codes = r.getRecoveryCodes().isEmpty() ? List.of() : Arrays.asList(r.getRecoveryCodes().split(","));
        return new Enrollment(new UserId(r.getUserId()), r.getSecret(), Optional.ofNullable(r.getEnabledAt()).map(OffsetDateTime::toInstant),
                r.getLastUsedStep(), codes, r.getCreatedAt().toInstant());
    }

    @Override
    public Optional<Enrollment> find(UserId user) {
        return dsl.get().selectFrom(TWO_FACTOR).where(TWO_FACTOR.USER_ID.eq(user.value())).fetchOptional(PostgresTwoFactorRepository::toDomain);
    }

    @Override
    public void put(Enrollment e) {
        String codes = String.join(",", e.recoveryCodeHashes());
        OffsetDateTime enabled = e.enabledAt().map(PostgresUserRepository::utc).orElse(null);
        dsl.get().insertInto(TWO_FACTOR)
                .set(TWO_FACTOR.USER_ID, e.user().value())
                .set(TWO_FACTOR.SECRET, e.secretEnvelope())
                .set(TWO_FACTOR.ENABLED_AT, enabled)
                .set(TWO_FACTOR.LAST_USED_STEP, e.lastUsedStep())
                .set(TWO_FACTOR.RECOVERY_CODES, codes)
                .set(TWO_FACTOR.CREATED_AT, utc(e.createdAt()))
                .onConflict(TWO_FACTOR.USER_ID).doUpdate()
                .set(TWO_FACTOR.SECRET, e.secretEnvelope())
                .set(TWO_FACTOR.ENABLED_AT, enabled)
                .set(TWO_FACTOR.LAST_USED_STEP, e.lastUsedStep())
                .set(TWO_FACTOR.RECOVERY_CODES, codes)
                .set(TWO_FACTOR.CREATED_AT, utc(e.createdAt()))
                .execute();
    }

    @Override
    public boolean delete(UserId user) {
        return dsl.get().deleteFrom(TWO_FACTOR).where(TWO_FACTOR.USER_ID.eq(user.value())).execute() == 1;
    }

    @Override
    public void putChallenge(Challenge c) {
        dsl.get().insertInto(TWO_FACTOR_CHALLENGES)
                .set(TWO_FACTOR_CHALLENGES.TOKEN_HASH, c.tokenHash())
                .set(TWO_FACTOR_CHALLENGES.USER_ID, c.user().value())
                .set(TWO_FACTOR_CHALLENGES.EXPIRES_AT, utc(c.expiresAt()))
                .set(TWO_FACTOR_CHALLENGES.FAILURES, c.failures())
                .onConflict(TWO_FACTOR_CHALLENGES.TOKEN_HASH).doUpdate()
                .set(TWO_FACTOR_CHALLENGES.FAILURES, c.failures())
                .execute();
    }

    @Override
    public Optional<Challenge> findChallenge(String tokenHash) {
        return dsl.get().selectFrom(TWO_FACTOR_CHALLENGES).where(TWO_FACTOR_CHALLENGES.TOKEN_HASH.eq(tokenHash)).forUpdate()
                .fetchOptional(r -> new Challenge(r.getTokenHash(), new UserId(r.getUserId()), r.getExpiresAt().toInstant(), r.getFailures()));
    }

    @Override
    public boolean deleteChallenge(String tokenHash) {
        return dsl.get().deleteFrom(TWO_FACTOR_CHALLENGES).where(TWO_FACTOR_CHALLENGES.TOKEN_HASH.eq(tokenHash)).execute() == 1;
    }

    @Override
    public int deleteExpiredChallenges(Instant now) {
        return dsl.get().deleteFrom(TWO_FACTOR_CHALLENGES).where(TWO_FACTOR_CHALLENGES.EXPIRES_AT.le(utc(now))).execute();
    }

    @Override
    public Set<TeamId> teamsRequiringTwoFactor() {
        return new HashSet<>(dsl.get().select(TEAM_TWO_FACTOR_REQUIREMENTS.TEAM_ID).from(TEAM_TWO_FACTOR_REQUIREMENTS).fetch(r -> new TeamId(r.value1())));
    }

    @Override
    public void setTeamRequiresTwoFactor(TeamId team, boolean required) {
        if (required) {
            dsl.get().insertInto(TEAM_TWO_FACTOR_REQUIREMENTS).set(TEAM_TWO_FACTOR_REQUIREMENTS.TEAM_ID, team.value()).onConflictDoNothing().execute();
        } else {
            dsl.get().deleteFrom(TEAM_TWO_FACTOR_REQUIREMENTS).where(TEAM_TWO_FACTOR_REQUIREMENTS.TEAM_ID.eq(team.value())).execute();
        }
    }
}
