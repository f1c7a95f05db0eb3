package dev.vectorflow.ports.service.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupStatus;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.core.backup.CronSchedule;
import dev.vectorflow.core.backup.RetentionPolicy;
import dev.vectorflow.core.backup.SchemaLevel;
import dev.vectorflow.core.backup.TableSummary;
import dev.vectorflow.core.failure.BackupRefusedFailure;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.ports.fake.InMemoryAuditLog;
import dev.vectorflow.ports.fake.InMemoryBackupStorage;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.in.backup.BackupSource;
import dev.vectorflow.ports.in.backup.CreateBackupCommand;
import dev.vectorflow.ports.in.backup.RestoreBackupCommand;
import dev.vectorflow.ports.in.backup.RestoreStatus;
import dev.vectorflow.ports.out.backup.BackupPolicy;
import dev.vectorflow.ports.out.backup.BackupRuns;
import dev.vectorflow.ports.out.backup.DatabaseSnapshots;
import dev.vectorflow.ports.out.backup.VerifiedBackup;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import dev.vectorflow.ports.service.audit.AuditQueryService;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup service on in-memory fakes: scheduling, recorded failures, retention, one job at a time, refusals before a restore. */
class BackupServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:15:00Z");
    private static final SchemaLevel LEVEL = new SchemaLevel(9, "006-backup-runs");

    @TempDir
    Path staging;

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryBackupStorage storage = new InMemoryBackupStorage(clock);
    private final FakeSnapshots snapshots = new FakeSnapshots();
    private final Runs runs = new Runs();
    private final Queue work = new Queue();
    private final AtomicReference<BackupPolicy> policy = new AtomicReference<>(
            new BackupPolicy(Optional.empty(), RetentionPolicy.keepEverything(), false));
    private boolean masterKeyOpensTheRing = true;
    private int restoredHook;
    private BackupService service;
    private InMemoryAuditLog audit;

    @BeforeEach
    void build() {
        InMemoryTransactions tx = new InMemoryTransactions();
        audit = tx.register(new InMemoryAuditLog(clock));
        service = new BackupService(new BackupService.Dependencies(tx, snapshots, storage, runs, audit, new AuditQueryService(tx, audit),
                () -> new FakeCipher(masterKeyOpensTheRing), policy::get, new SequentialIdGenerator(), clock, work, staging, "1.0.0-test",
                () -> restoredHook++));
    }

    private static Actor ops() {
        return Actor.commandLine();
    }

    @Test
    void aDueSchedule_startsOneScheduledBackupWithoutTelemetry_andNoneAgainUntilItFiresNext() {
        policy.set(new BackupPolicy(Optional.of(CronSchedule.parse("s", "0 3 * * *")), RetentionPolicy.keepEverything(), false));
        BackupJobs jobs = new BackupJobs(service);

        assertThat(jobs.runIfDue()).as("03:00 today fired and no scheduled run since").isPresent();
        work.runAll();
        assertThat(jobs.runIfDue()).isEmpty();
        clock.advance(Duration.ofHours(12));
        assertThat(jobs.runIfDue()).isEmpty();
        clock.advance(Duration.ofHours(5).plusMinutes(1));
        assertThat(jobs.runIfDue()).as("03:00 the next day").isPresent();
        work.runAll();

        List<BackupRun> scheduled = runs.all().stream().filter(r -> r.trigger() == BackupTrigger.SCHEDULED).toList();
        assertThat(scheduled).hasSize(2).allMatch(r -> r.status() == BackupStatus.SUCCEEDED && !r.telemetryIncluded()
                && r.createdBy().equals("schedule"));
        assertThat(snapshots.requests).allMatch(r -> !r.includeTelemetry());
        assertThat(storage.list()).hasSize(2);
    }

    @Test
    void withoutASchedule_nothingIsDue() {
        assertThat(new BackupJobs(service).runIfDue()).isEmpty();
    }

    @Test
    void aBackupThatCannotBeStored_isRecordedFailedWithTheReason_andLeavesNoFileBehind() throws Exception {
        storage.failNextStore("the disk is full");

        var started = service.createBackup(new CreateBackupCommand(ops(), true));
        assertThat(started.run().status()).isEqualTo(BackupStatus.RUNNING);
        work.runAll();

        BackupRun ended = started.finished().join();
        assertThat(ended.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(ended.error()).hasValueSatisfying(e -> assertThat(e).contains("the disk is full"));
        assertThat(runs.all()).singleElement().isEqualTo(ended);
        assertThat(service.overview().backups()).singleElement().satisfies(l -> assertThat(l.available()).isFalse());
        try (var left = Files.list(staging)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void afterASuccessfulBackup_retentionDeletesWhatThePolicyNoLongerKeeps() throws Exception {
        policy.set(new BackupPolicy(Optional.empty(), new RetentionPolicy(2, 0), false));
        for (int i = 0; i < 3; i++) {
            storage.put(new BackupName("vectorflow-old-" + i + ".vfbackup"), new byte[] {1}, T0.minus(Duration.ofDays(10 - i)));
        }

        service.createBackup(new CreateBackupCommand(ops(), false));
        work.runAll();

        assertThat(storage.list()).extracting(s -> s.name().value()).hasSize(2).contains("vectorflow-old-2.vfbackup")
                .anyMatch(n -> n.contains("-manual-"));
    }

    @Test
    void whileABackupRuns_anotherBackupAndARestoreAreRefused() throws Exception {
        service.createBackup(new CreateBackupCommand(ops(), true));

        assertThatThrownBy(() -> service.createBackup(new CreateBackupCommand(ops(), true))).isInstanceOf(ConflictFailure.class)
                .hasMessageContaining("running a backup already");
        Path file = Files.writeString(staging.resolve("x.vfbackup"), "x");
        assertThatThrownBy(() -> service.restoreBackup(new RestoreBackupCommand(ops(), BackupSource.localFile(file))))
                .isInstanceOf(ConflictFailure.class);
        work.runAll();
        assertThat(service.createBackup(new CreateBackupCommand(ops(), true)).run().status()).isEqualTo(BackupStatus.RUNNING);
    }

    @Test
    void aBackupSealedWithAnotherMasterKey_isRefusedBeforeAnythingIsTaken() throws Exception {
        masterKeyOpensTheRing = false;
        snapshots.holdsSchema = true;
        Path file = Files.writeString(staging.resolve("x.vfbackup"), "x");

        assertThatThrownBy(() -> service.restoreBackup(new RestoreBackupCommand(ops(), BackupSource.localFile(file))))
                .isInstanceOf(BackupRefusedFailure.class).hasMessageContaining("cannot open the key ring in this backup")
                .hasMessageContaining("cannot unwrap data key k1").hasMessageContaining("Nothing was changed");
        assertThat(work.queued).isEmpty();
        assertThat(snapshots.restored).isEmpty();
        assertThat(runs.all()).isEmpty();
        assertThat(service.restoreInProgress()).isFalse();
    }

    @Test
    void aBackupOfANewerSchema_isRefused() throws Exception {
        snapshots.level = new SchemaLevel(12, "009-later");
        Path file = Files.writeString(staging.resolve("x.vfbackup"), "x");

        assertThatThrownBy(() -> service.verifyBackup(BackupSource.localFile(file))).isInstanceOf(BackupRefusedFailure.class)
                .hasMessageContaining("newer schema").hasMessageContaining("12 changesets").hasMessageContaining("9 changesets");
    }

    @Test
    void aRestoreOverADatabase_takesAPreRestoreBackupFirst_refreshesTheServer_andAuditsIt() throws Exception {
        snapshots.holdsSchema = true;
        Path file = Files.writeString(staging.resolve("x.vfbackup"), "x");

        var started = service.restoreBackup(new RestoreBackupCommand(ops(), BackupSource.localFile(file)));
        assertThat(service.restoreInProgress()).isTrue();
        work.runAll();
        RestoreStatus done = started.finished().join();

        assertThat(done.phase()).isEqualTo(RestoreStatus.Phase.SUCCEEDED);
        assertThat(done.preRestoreBackup()).hasValueSatisfying(n -> assertThat(n.value()).contains("-pre-restore-"));
        assertThat(done.auditVerification()).hasValueSatisfying(v -> assertThat(v).startsWith("intact: 1 entries"));
        assertThat(done.tablesDone()).isEqualTo(2);
        assertThat(snapshots.restored).containsExactly(file);
        assertThat(restoredHook).isEqualTo(1);
        assertThat(runs.all()).singleElement().satisfies(r -> assertThat(r.trigger()).isEqualTo(BackupTrigger.PRE_RESTORE));
        assertThat(audit.all()).extracting(e -> e.action()).containsExactly("backup.restore");
        assertThat(service.restoreInProgress()).isFalse();
    }

    @Test
    void whenThePreRestoreBackupFails_nothingIsRestored() throws Exception {
        snapshots.holdsSchema = true;
        storage.failNextStore("bucket gone");
        Path file = Files.writeString(staging.resolve("x.vfbackup"), "x");

        var started = service.restoreBackup(new RestoreBackupCommand(ops(), BackupSource.localFile(file)));
        work.runAll();

        RestoreStatus done = started.finished().join();
        assertThat(done.phase()).isEqualTo(RestoreStatus.Phase.FAILED);
        assertThat(done.error()).hasValueSatisfying(e -> assertThat(e).contains("pre-restore backup failed").contains("bucket gone"));
        assertThat(snapshots.restored).isEmpty();
        assertThat(restoredHook).isZero();
    }

    // ---- fakes

    /** Runs the submitted work when the test says so. */
    private static final class Queue implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            queued.add(command);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.removeFirst().run();
            }
        }
    }

    private static final class Runs implements BackupRuns {
        private final Map<java.util.UUID, BackupRun> runs = new ConcurrentHashMap<>();

        @Override
        public void save(BackupRun run) {
            runs.put(run.id(), run);
        }

        List<BackupRun> all() {
            return runs.values().stream().sorted(Comparator.comparing(BackupRun::startedAt).reversed()).toList();
        }

        @Override
        public List<BackupRun> newest(int limit) {
            return all().stream().limit(limit).toList();
        }

        @Override
        public Optional<BackupRun> byName(BackupName name) {
            return all().stream().filter(r -> r.name().equals(name)).findFirst();
        }

        @Override
        public Optional<BackupRun> lastOf(BackupTrigger trigger) {
            return all().stream().filter(r -> r.trigger() == trigger).findFirst();
        }
    }

    private final class FakeSnapshots implements DatabaseSnapshots {
        final List<SnapshotRequest> requests = new ArrayList<>();
        final List<Path> restored = new ArrayList<>();
        boolean holdsSchema;
        SchemaLevel level = LEVEL;

        private BackupManifest manifest(SnapshotRequest r) {
            return new BackupManifest(1, r.vectorflowVersion(), level, "17.11", r.createdAt(), r.createdBy(), r.trigger(), r.includeTelemetry(),
                    List.of("sessions"), List.of(new TableSummary("teams", List.of("id"), 1, "a"), new TableSummary("secrets", List.of("id"), 2, "b")),
                    "c");
        }

        @Override
        public BackupManifest write(Path file, SnapshotRequest request, Progress progress) {
            requests.add(request);
            try {
                Files.writeString(file, "backup taken at " + request.createdAt());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return manifest(request);
        }

        @Override
        public VerifiedBackup verify(Path file) {
            BackupManifest m = manifest(new SnapshotRequest("1.0.0-test", T0, "cli", BackupTrigger.MANUAL, true));
            return new VerifiedBackup(m, 10, "f", List.of(new WrappedDataKey("k1", "wrapped")), Optional.of("k1"), Optional.of("canary"));
        }

        @Override
        public BackupManifest readManifest(InputStream head) {
            return manifest(new SnapshotRequest("1.0.0-test", T0, "cli", BackupTrigger.MANUAL, true));
        }

        @Override
        public SchemaLevel buildSchema() {
            return LEVEL;
        }

        @Override
        public boolean holdsSchema() {
            return holdsSchema;
        }

        @Override
        public void restore(Path file, VerifiedBackup backup, Progress progress) {
            restored.add(file);
            progress.table("teams", 1, 2, 1);
            progress.table("secrets", 2, 2, 2);
        }
    }

    /** Opens the canary when it holds the right master key, else fails to unwrap the data key as a wrong key does. */
    private record FakeCipher(boolean opens) implements SecretCipher {
        @Override
        public WrappedDataKey newDataKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void load(List<WrappedDataKey> keys, String primaryKeyId) {
            if (!opens) {
                throw new KeyRingFailure("cannot unwrap data key k1");
            }
        }

        @Override
        public String seal(byte[] plaintext, String context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] open(String envelope, String context) {
            return "VectorFlow key ring canary v1".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String keyIdOf(String envelope) {
            return "k1";
        }

        @Override
        public String primaryKeyId() {
            return "k1";
        }
    }
}
