package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.List;

/**
 * What every {@link EnvironmentRepository} must do; run against the in-memory fake and against
 * PostgreSQL. Each test starts from an empty store.
 */
public abstract class EnvironmentRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-27T10:15:30.123456Z");

    protected abstract EnvironmentRepository repository();

    protected abstract Transactions transactions();

    /** Removes every environment so each test starts empty. */
    protected abstract void clear();

    /** A team that exists in the store (environments must belong to one). */
    protected abstract TeamId existingTeam(String name);

    private EnvironmentRepository repo;
    private Transactions tx;
    private TeamId team;
    private TeamId otherTeam;

    @BeforeEach
    void setUpContract() {
        clear();
        repo = repository();
        tx = transactions();
        team = existingTeam("team-" + UUID.randomUUID());
        otherTeam = existingTeam("other-" + UUID.randomUUID());
    }

    private Environment env(String name) {
        return envOf(team, name);
    }

    private static Environment envOf(TeamId owner, String name) {
        return Environment.create(new EnvironmentId(UUID.randomUUID()), owner, new EnvironmentName(name), "about " + name, T0);
    }

    @Test
    void givenInsertedEnvironment_findById_returnsItUnchanged() {
        Environment production = env("production");
        tx.inTransaction(() -> { repo.insert(production); return null; });

        assertThat(tx.inTransaction(() -> repo.findById(production.id()))).contains(production);
    }

    @Test
    void givenAnEnvironmentThatRequiresApproval_itReadsBackSo_andAnUpdateCanSwitchItOff() {
        Environment guarded = env("guarded").withApprovalRequired(true, T0);
        tx.inTransaction(() -> { repo.insert(guarded); return null; });
        assertThat(tx.inTransaction(() -> repo.findById(guarded.id())).orElseThrow().requiresApproval()).isTrue();

        Environment open = guarded.withApprovalRequired(false, T0.plusSeconds(60));
        tx.inTransaction(() -> repo.update(open));
        assertThat(tx.inTransaction(() -> repo.findById(guarded.id()))).contains(open);
    }

    @Test
    void givenUnknownId_findById_isEmpty() {
        assertThat(tx.inTransaction(() -> repo.findById(new EnvironmentId(UUID.randomUUID())))).isEmpty();
    }

    @Test
    void findByName_ignoresLetterCase() {
        Environment staging = env("Staging EU");
        tx.inTransaction(() -> { repo.insert(staging); return null; });

        assertThat(tx.inTransaction(() -> repo.findByName(team, new EnvironmentName("staging eu")))).contains(staging);
        assertThat(tx.inTransaction(() -> repo.findByName(team, new EnvironmentName("staging")))).isEmpty();
        assertThat(tx.inTransaction(() -> repo.findByName(otherTeam, new EnvironmentName("staging eu")))).isEmpty();
    }

    @Test
    void namesAreUniquePerTeamOnly() {
        Environment mine = env("production");
        Environment theirs = envOf(otherTeam, "production");
        tx.inTransaction(() -> { repo.insert(mine); repo.insert(theirs); return null; });

        assertThat(tx.inTransaction(repo::findAll)).containsExactlyInAnyOrder(mine, theirs);
        assertThat(tx.inTransaction(() -> repo.findByTeams(List.of(otherTeam)))).containsExactly(theirs);
        assertThat(tx.inTransaction(() -> repo.countByTeam(team))).isEqualTo(1);
    }

    @Test
    void givenNameTakenIgnoringCase_insert_throwsUniqueViolationAndKeepsTheFirst() {
        Environment first = env("production");
        tx.inTransaction(() -> { repo.insert(first); return null; });

        assertThatThrownBy(() -> tx.inTransaction(() -> { repo.insert(env("PRODUCTION")); return null; }))
                .isInstanceOf(UniqueViolation.class);
        assertThat(tx.inTransaction(repo::findAll)).containsExactly(first);
    }

    @Test
    void findAll_ordersByNameIgnoringCase() {
        Environment b = env("beta");
        Environment a = env("Alpha");
        Environment c = env("charlie");
        tx.inTransaction(() -> { repo.insert(b); repo.insert(c); repo.insert(a); return null; });

        assertThat(tx.inTransaction(repo::findAll)).containsExactly(a, b, c);
    }

    @Test
    void givenStoredEnvironment_update_replacesNameDescriptionAndUpdatedAt() {
        Environment original = env("dev");
        tx.inTransaction(() -> { repo.insert(original); return null; });
        Environment changed = original.renamed(new EnvironmentName("development"), T0.plus(1, ChronoUnit.HOURS))
                .described("shared by the team", T0.plus(1, ChronoUnit.HOURS));

        assertThat(tx.inTransaction(() -> repo.update(changed))).isTrue();
        assertThat(tx.inTransaction(() -> repo.findById(original.id()))).contains(changed);
    }

    @Test
    void givenUnknownEnvironment_update_returnsFalseAndStoresNothing() {
        assertThat(tx.inTransaction(() -> repo.update(env("ghost")))).isFalse();
        assertThat(tx.inTransaction(repo::findAll)).isEmpty();
    }

    @Test
    void givenNameOfAnother_update_throwsUniqueViolation() {
        Environment a = env("a");
        Environment b = env("b");
        tx.inTransaction(() -> { repo.insert(a); repo.insert(b); return null; });

        assertThatThrownBy(() -> tx.inTransaction(() -> repo.update(b.renamed(new EnvironmentName("A"), T0))))
                .isInstanceOf(UniqueViolation.class);
        assertThat(tx.inTransaction(() -> repo.findById(b.id()))).contains(b);
    }

    @Test
    void delete_removesOnlyThatEnvironmentAndReportsWhetherItExisted() {
        Environment a = env("a");
        Environment b = env("b");
        tx.inTransaction(() -> { repo.insert(a); repo.insert(b); return null; });

        assertThat(tx.inTransaction(() -> repo.delete(a.id()))).isTrue();
        assertThat(tx.inTransaction(() -> repo.delete(a.id()))).isFalse();
        assertThat(tx.inTransaction(repo::findAll)).containsExactly(b);
    }

    @Test
    void givenWorkThatThrows_inTransaction_rollsBackEveryWriteOfTheUnit() {
        Environment kept = env("kept");
        tx.inTransaction(() -> { repo.insert(kept); return null; });

        assertThatThrownBy(() -> tx.inTransaction(() -> {
            repo.insert(env("lost"));
            repo.delete(kept.id());
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(tx.inTransaction(repo::findAll)).containsExactly(kept);
    }

    @Test
    void givenCheckedFailure_inTransaction_rethrowsItUnwrappedAndRollsBack() {
        class Refused extends Exception {
            private static final long serialVersionUID = 1L;
        }
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            repo.insert(env("lost"));
            throw new Refused();
        })).isInstanceOf(Refused.class);

        assertThat(tx.inTransaction(repo::findAll)).isEmpty();
    }

    @Test
    void nestedUnitsOfWork_joinTheOuterOne() {
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            tx.inTransaction(() -> { repo.insert(env("inner")); return null; });
            throw new IllegalStateException("outer fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(tx.inTransaction(repo::findAll)).isEmpty();
    }
}
