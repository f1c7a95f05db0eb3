package dev.vectorflow.adapter.postgres.identity;

import static dev.vectorflow.adapter.postgres.identity.PostgresUserRepository.utc;
import static dev.vectorflow.adapter.postgres.jooq.Tables.TEAMS;
import static dev.vectorflow.adapter.postgres.jooq.Tables.TEAM_MEMBERSHIPS;

import dev.vectorflow.adapter.postgres.jooq.tables.records.TeamMembershipsRecord;
import dev.vectorflow.adapter.postgres.jooq.tables.records.TeamsRecord;
import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link TeamRepository} on the {@code teams} and {@code team_memberships} tables. */
public final class PostgresTeamRepository implements TeamRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresTeamRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static Team toDomain(TeamsRecord r) {
        return new Team(new TeamId(r.getId()), new TeamName(r.getName()), r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant());
    }

    private static Membership toDomain(TeamMembershipsRecord r) {
        return new Membership(new TeamId(r.getTeamId()), new UserId(r.getUserId()), Role.valueOf(r.getRole()));
    }

    @Override
    public void insert(Team team) {
        dsl.get().insertInto(TEAMS)
                .set(TEAMS.ID, team.id().value()).set(TEAMS.NAME, team.name().value()).set(TEAMS.NAME_KEY, team.name().uniquenessKey())
                .set(TEAMS.CREATED_AT, utc(team.createdAt())).set(TEAMS.UPDATED_AT, utc(team.updatedAt()))
                .execute();
    }

    @Override
    public boolean update(Team team) {
        return dsl.get().update(TEAMS).set(TEAMS.NAME, team.name().value()).set(TEAMS.NAME_KEY, team.name().uniquenessKey())
                .set(TEAMS.UPDATED_AT, utc(team.updatedAt())).where(TEAMS.ID.eq(team.id().value())).execute() == 1;
    }

    @Override
    public boolean delete(TeamId id) {
        return dsl.get().deleteFrom(TEAMS).where(TEAMS.ID.eq(id.value())).execute() == 1;
    }

    @Override
    public Optional<Team> findById(TeamId id) {
        return dsl.get().selectFrom(TEAMS).where(TEAMS.ID.eq(id.value())).fetchOptional(PostgresTeamRepository::toDomain);
    }

    @Override
    public Optional<Team> findByName(TeamName name) {
        return dsl.get().selectFrom(TEAMS).where(TEAMS.NAME_KEY.eq(name.uniquenessKey())).fetchOptional(PostgresTeamRepository::toDomain);
    }

    @Override
    public List<Team> findAll() {
        return dsl.get().selectFrom(TEAMS).orderBy(TEAMS.NAME_KEY.collate("C")).fetch(PostgresTeamRepository::toDomain);
    }

    @Override
    public void putMembership(Membership m) {
        dsl.get().insertInto(TEAM_MEMBERSHIPS)
                .set(TEAM_MEMBERSHIPS.TEAM_ID, m.teamId().value()).set(TEAM_MEMBERSHIPS.USER_ID, m.userId().value())
                .set(TEAM_MEMBERSHIPS.ROLE, m.role().name())
                .onConflict(TEAM_MEMBERSHIPS.TEAM_ID, TEAM_MEMBERSHIPS.USER_ID).doUpdate().set(TEAM_MEMBERSHIPS.ROLE, m.role().name())
                .execute();
    }

    @Override
    public boolean removeMembership(TeamId team, UserId user) {
        return dsl.get().deleteFrom(TEAM_MEMBERSHIPS)
                .where(TEAM_MEMBERSHIPS.TEAM_ID.eq(team.value()).and(TEAM_MEMBERSHIPS.USER_ID.eq(user.value()))).execute() == 1;
    }

    @Override
    public List<Membership> membershipsOfUser(UserId user) {
        return dsl.get().selectFrom(TEAM_MEMBERSHIPS).where(TEAM_MEMBERSHIPS.USER_ID.eq(user.value()))
                .fetch(PostgresTeamRepository::toDomain);
    }

    @Override
    public List<Membership> membershipsOfTeam(TeamId team) {
        return dsl.get().selectFrom(TEAM_MEMBERSHIPS).where(TEAM_MEMBERSHIPS.TEAM_ID.eq(team.value()))
                .fetch(PostgresTeamRepository::toDomain);
    }
}
