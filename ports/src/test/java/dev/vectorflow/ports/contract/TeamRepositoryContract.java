package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.identity.Membership;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.identity.User;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link TeamRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class TeamRepositoryContract extends FleetStoreContract {

    private TeamRepository teams() {
        return store().teams();
    }

    @Test
    void givenInsertedTeam_findByIdAndByNameIgnoringCase_returnItUnchanged() {
        Team team = new Team(new TeamId(UUID.randomUUID()), new TeamName("Platform " + UUID.randomUUID()), T0.plusNanos(123_456_000),
                T0.plusNanos(654_321_000));
        inTransaction(() -> teams().insert(team));

        assertThat(inTransaction(() -> teams().findById(team.id()))).contains(team);
        assertThat(inTransaction(() -> teams().findByName(new TeamName(team.name().value().toUpperCase())))).contains(team);
    }

    @Test
    void givenUnknownIdOrName_find_isEmpty() {
        assertThat(inTransaction(() -> teams().findById(new TeamId(UUID.randomUUID())))).isEmpty();
        assertThat(inTransaction(() -> teams().findByName(new TeamName("nobody " + UUID.randomUUID())))).isEmpty();
    }

    @Test
    void givenNameTakenIgnoringCase_insert_throwsUniqueViolationAndKeepsTheFirst() {
        Team first = newTeam();
        Team second = new Team(new TeamId(UUID.randomUUID()), new TeamName(first.name().value().toUpperCase()), T0, T0);

        assertThatThrownBy(() -> inTransaction(() -> teams().insert(second))).isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> teams().findByName(first.name()))).contains(first);
        assertThat(inTransaction(() -> teams().findById(second.id()))).isEmpty();
    }

    @Test
    void givenStoredTeam_update_renamesItAndKeepsTheCreationTime() {
        Team team = newTeam();
        TeamName newName = new TeamName("Renamed " + UUID.randomUUID());

        assertThat(inTransaction(() -> teams().update(new Team(team.id(), newName, T0.minusSeconds(3_600), T0.plusSeconds(60))))).isTrue();
        assertThat(inTransaction(() -> teams().findById(team.id()))).contains(new Team(team.id(), newName, team.createdAt(), T0.plusSeconds(60)));
        assertThat(inTransaction(() -> teams().findByName(team.name()))).isEmpty();
    }

    @Test
    void givenUnknownTeam_update_returnsFalseAndStoresNothing() {
        Team ghost = team("ghost");

        assertThat(inTransaction(() -> teams().update(ghost))).isFalse();
        assertThat(inTransaction(() -> teams().findById(ghost.id()))).isEmpty();
    }

    @Test
    void givenNameOfAnotherIgnoringCase_update_throwsUniqueViolationAndChangesNothing() {
        Team a = newTeam();
        Team b = newTeam();

        assertThatThrownBy(() -> inTransaction(() -> teams().update(new Team(b.id(), new TeamName(a.name().value().toUpperCase()), T0, T0))))
                .isInstanceOf(UniqueViolation.class);
        assertThat(inTransaction(() -> teams().findById(b.id()))).contains(b);
    }

    @Test
    void findAll_ordersByNameIgnoringCase() {
        String run = UUID.randomUUID().toString();
        List<Team> mine = List.of(named("charlie " + run), named("Alpha " + run), named("bravo " + run));
        inTransaction(() -> mine.forEach(teams()::insert));

        assertThat(inTransaction(() -> teams().findAll())).filteredOn(t -> t.name().value().endsWith(run)).extracting(t -> t.name().value())
                .containsExactly("Alpha " + run, "bravo " + run, "charlie " + run);
    }

    private static Team named(String name) {
        return new Team(new TeamId(UUID.randomUUID()), new TeamName(name), T0, T0);
    }

    @Test
    void putMembership_addsAMemberOrChangesTheirRole() {
        Team team = newTeam();
        User ann = newUser();
        User bob = newUser();

        inTransaction(() -> {
            teams().putMembership(new Membership(team.id(), ann.id(), Role.VIEWER));
            teams().putMembership(new Membership(team.id(), bob.id(), Role.EDITOR));
        });
        inTransaction(() -> teams().putMembership(new Membership(team.id(), ann.id(), Role.ADMIN)));

        assertThat(inTransaction(() -> teams().membershipsOfTeam(team.id())))
                .containsExactlyInAnyOrder(new Membership(team.id(), ann.id(), Role.ADMIN), new Membership(team.id(), bob.id(), Role.EDITOR));
        assertThat(inTransaction(() -> teams().membershipsOfUser(ann.id()))).containsExactly(new Membership(team.id(), ann.id(), Role.ADMIN));
    }

    @Test
    void membershipsOfUser_listsEveryTeamOfTheUserOnly() {
        Team red = newTeam();
        Team blue = newTeam();
        User ann = newUser();
        User bob = newUser();
        inTransaction(() -> {
            teams().putMembership(new Membership(red.id(), ann.id(), Role.VIEWER));
            teams().putMembership(new Membership(blue.id(), ann.id(), Role.EDITOR));
            teams().putMembership(new Membership(blue.id(), bob.id(), Role.ADMIN));
        });

        assertThat(inTransaction(() -> teams().membershipsOfUser(ann.id())))
                .containsExactlyInAnyOrder(new Membership(red.id(), ann.id(), Role.VIEWER), new Membership(blue.id(), ann.id(), Role.EDITOR));
        assertThat(inTransaction(() -> teams().membershipsOfUser(new UserId(UUID.randomUUID())))).isEmpty();
    }

    @Test
    void removeMembership_removesThatOneAndReportsWhetherItExisted() {
        Team team = newTeam();
        User ann = newUser();
        User bob = newUser();
        inTransaction(() -> {
            teams().putMembership(new Membership(team.id(), ann.id(), Role.VIEWER));
            teams().putMembership(new Membership(team.id(), bob.id(), Role.VIEWER));
        });

        assertThat(inTransaction(() -> teams().removeMembership(team.id(), ann.id()))).isTrue();
        assertThat(inTransaction(() -> teams().removeMembership(team.id(), ann.id()))).isFalse();
        assertThat(inTransaction(() -> teams().membershipsOfTeam(team.id()))).containsExactly(new Membership(team.id(), bob.id(), Role.VIEWER));
    }

    @Test
    void delete_removesTheTeamWithItsMemberships_andReportsWhetherItExisted() {
        Team gone = newTeam();
        Team kept = newTeam();
        User ann = newUser();
        inTransaction(() -> {
            teams().putMembership(new Membership(gone.id(), ann.id(), Role.ADMIN));
            teams().putMembership(new Membership(kept.id(), ann.id(), Role.VIEWER));
        });

        assertThat(inTransaction(() -> teams().delete(gone.id()))).isTrue();
        assertThat(inTransaction(() -> teams().delete(gone.id()))).isFalse();
        assertThat(inTransaction(() -> teams().findById(gone.id()))).isEmpty();
        assertThat(inTransaction(() -> teams().membershipsOfTeam(gone.id()))).isEmpty();
        assertThat(inTransaction(() -> teams().membershipsOfUser(ann.id()))).containsExactly(new Membership(kept.id(), ann.id(), Role.VIEWER));
    }

    @Test
    void givenWorkThatThrows_inTransaction_keepsNeitherTheTeamNorItsMemberships() {
        Team lost = team("lost");
        User ann = newUser();

        assertThatThrownBy(() -> inTransaction(() -> {
            teams().insert(lost);
            teams().putMembership(new Membership(lost.id(), ann.id(), Role.ADMIN));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inTransaction(() -> teams().findById(lost.id()))).isEmpty();
        assertThat(inTransaction(() -> teams().membershipsOfUser(ann.id()))).isEmpty();
    }
}
