package dev.vectorflow.adapter.postgres.environment;

import static dev.vectorflow.adapter.postgres.jooq.Tables.ENVIRONMENTS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.EnvironmentsRecord;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.core.identity.TeamId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link EnvironmentRepository} on the {@code environments} table. */
public final class PostgresEnvironmentRepository implements EnvironmentRepository {

    private final Supplier<DSLContext> dsl;

    /** @param dsl the DSL of the current unit of work */
    public PostgresEnvironmentRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(Environment environment) {
        dsl.get().executeInsert(EnvironmentRecordMapper.toRecord(environment));
    }

    @Override
    public boolean update(Environment environment) {
        EnvironmentsRecord record = EnvironmentRecordMapper.toRecord(environment);
        return dsl.get().update(ENVIRONMENTS)
                .set(ENVIRONMENTS.NAME, record.getName())
                .set(ENVIRONMENTS.NAME_KEY, record.getNameKey())
                .set(ENVIRONMENTS.DESCRIPTION, record.getDescription())
                .set(ENVIRONMENTS.UPDATED_AT, record.getUpdatedAt())
                .set(ENVIRONMENTS.REQUIRES_APPROVAL, record.getRequiresApproval())
                .where(ENVIRONMENTS.ID.eq(record.getId()))
                .execute() == 1;
    }

    @Override
    public boolean delete(EnvironmentId id) {
        return dsl.get().deleteFrom(ENVIRONMENTS).where(ENVIRONMENTS.ID.eq(id.value())).execute() == 1;
    }

    @Override
    public Optional<Environment> findById(EnvironmentId id) {
        return dsl.get().selectFrom(ENVIRONMENTS).where(ENVIRONMENTS.ID.eq(id.value()))
                .fetchOptional(EnvironmentRecordMapper::toDomain);
    }

    @Override
    public Optional<Environment> findByName(TeamId team, EnvironmentName name) {
        return dsl.get().selectFrom(ENVIRONMENTS)
                .where(ENVIRONMENTS.TEAM_ID.eq(team.value()).and(ENVIRONMENTS.NAME_KEY.eq(name.uniquenessKey())))
                .fetchOptional(EnvironmentRecordMapper::toDomain);
    }

    @Override
    public List<Environment> findAll() {
        return dsl.get().selectFrom(ENVIRONMENTS).orderBy(ENVIRONMENTS.NAME_KEY.collate("C"), ENVIRONMENTS.NAME.collate("C"))
                .fetch(EnvironmentRecordMapper::toDomain);
    }

    @Override
    public List<Environment> findByTeams(Collection<TeamId> teams) {
        return dsl.get().selectFrom(ENVIRONMENTS)
                .where(ENVIRONMENTS.TEAM_ID.in(teams.stream().map(TeamId::value).toList()))
                .orderBy(ENVIRONMENTS.NAME_KEY.collate("C"), ENVIRONMENTS.NAME.collate("C"))
                .fetch(EnvironmentRecordMapper::toDomain);
    }

    @Override
    public long countByTeam(TeamId team) {
        return dsl.get().fetchCount(ENVIRONMENTS, ENVIRONMENTS.TEAM_ID.eq(team.value()));
    }
}
