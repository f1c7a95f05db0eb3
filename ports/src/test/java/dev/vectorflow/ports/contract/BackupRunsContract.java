package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.ports.out.backup.BackupRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BackupRuns} must do; run against the in-memory fake and against PostgreSQL. The record is one per
 * store, so each test's runs start later than every run before them.
 */
public abstract class BackupRunsContract extends FleetStoreContract {

    private static final AtomicLong DAYS = new AtomicLong();

    private final Instant start = T0.plus(Duration.ofDays(DAYS.incrementAndGet()));

    private BackupRuns runs() {
        return store().backupRuns();
    }

    private static BackupRun started(BackupTrigger trigger, Instant at) {
        String id = UUID.randomUUID().toString();
        return BackupRun.started(UUID.fromString(id), new BackupName("vectorflow-" + id + BackupName.SUFFIX), trigger, at, "cli",
                "local:/var/backups", false);
    }

    private BackupRun saved(BackupRun run) {
        inTransaction(() -> runs().save(run));
        return run;
    }

    @Test
    void aSavedRun_isFoundByName_andReplacedWhenSavedAgain() {
        BackupRun running = saved(started(BackupTrigger.MANUAL, start));
        assertThat(inTransaction(() -> runs().byName(running.name()))).contains(running);

        BackupRun done = saved(running.succeeded(start.plusSeconds(42), 123_456, "ab".repeat(32), Map.of("users", 3L, "audit_log", 120L)));
        assertThat(inTransaction(() -> runs().byName(running.name()))).contains(done);
        assertThat(inTransaction(() -> runs().newest(10))).filteredOn(r -> r.id().equals(running.id())).containsExactly(done);
    }

    @Test
    void aFailedRun_keepsItsReason() {
        BackupRun failed = saved(started(BackupTrigger.SCHEDULED, start).failed(start.plusSeconds(1), "target not writable"));

        assertThat(inTransaction(() -> runs().byName(failed.name()))).contains(failed);
    }

    @Test
    void givenUnknownName_byName_isEmpty() {
        assertThat(inTransaction(() -> runs().byName(new BackupName("never-" + UUID.randomUUID() + BackupName.SUFFIX)))).isEmpty();
    }

    @Test
    void newest_listsTheMostRecentlyStartedFirst_upToTheLimit() {
        BackupRun first = saved(started(BackupTrigger.MANUAL, start));
        BackupRun third = saved(started(BackupTrigger.PRE_RESTORE, start.plusSeconds(120)));
        BackupRun second = saved(started(BackupTrigger.SCHEDULED, start.plusSeconds(60)));

        assertThat(inTransaction(() -> runs().newest(2))).containsExactly(third, second);
        assertThat(inTransaction(() -> runs().newest(3))).containsExactly(third, second, first);
    }

    @Test
    void lastOf_isTheMostRecentlyStartedRunOfThatTrigger() {
        BackupRun later = saved(started(BackupTrigger.SCHEDULED, start.plusSeconds(60)));
        saved(started(BackupTrigger.SCHEDULED, start));
        BackupRun manual = saved(started(BackupTrigger.MANUAL, start.plusSeconds(120)));

        assertThat(inTransaction(() -> runs().lastOf(BackupTrigger.SCHEDULED))).contains(later);
        assertThat(inTransaction(() -> runs().lastOf(BackupTrigger.MANUAL))).contains(manual);
    }
}
