package dev.vectorflow.ports.service.backup;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupStatus;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.core.backup.SchemaLevel;
import dev.vectorflow.core.failure.BackupRefusedFailure;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.audit.AuditQueries;
import dev.vectorflow.ports.in.backup.BackupCheck;
import dev.vectorflow.ports.in.backup.BackupQueries;
import dev.vectorflow.ports.in.backup.BackupSource;
import dev.vectorflow.ports.in.backup.CreateBackupCommand;
import dev.vectorflow.ports.in.backup.CreateBackupUseCase;
import dev.vectorflow.ports.in.backup.DownloadBackupUseCase;
import dev.vectorflow.ports.in.backup.RestoreBackupCommand;
import dev.vectorflow.ports.in.backup.RestoreBackupUseCase;
import dev.vectorflow.ports.in.backup.RestoreStatus;
import dev.vectorflow.ports.in.backup.VerifyBackupUseCase;
import dev.vectorflow.ports.out.backup.BackupPolicy;
import dev.vectorflow.ports.out.backup.BackupPolicySource;
import dev.vectorflow.ports.out.backup.BackupRuns;
import dev.vectorflow.ports.out.backup.BackupStorage;
import dev.vectorflow.ports.out.backup.BackupStorage.StoredBackup;
import dev.vectorflow.ports.out.backup.BackupStorageFailure;
import dev.vectorflow.ports.out.backup.DatabaseSnapshots;
import dev.vectorflow.ports.out.backup.VerifiedBackup;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.SecretCipher;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.secret.KeyRingService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Backups and restores: takes snapshots into the storage (recording every run, failures too, and applying retention),
 * lists them, verifies and restores them. One backup or restore at a time on this server; the work runs on the given
 * executor, the refusals of a restore (damaged file, newer schema, another master key) come before it starts.
 */
public final class BackupService implements CreateBackupUseCase, VerifyBackupUseCase, RestoreBackupUseCase, DownloadBackupUseCase,
        BackupQueries {

    private static final System.Logger LOG = System.getLogger(BackupService.class.getName());
    /** Runs shown in the list (and files found in the storage besides them). */
    static final int LISTED = 200;

    /** Everything the service works with, gathered so the constructor stays readable. */
    public record Dependencies(Transactions transactions, DatabaseSnapshots snapshots, BackupStorage storage, BackupRuns runs,
                               AuditLog audit, AuditQueries auditQueries, Supplier<SecretCipher> freshCipher, BackupPolicySource policy,
                               IdGenerator ids, Clock clock, Executor executor, Path staging, String version, Runnable afterRestore) {
    }

    private final Dependencies d;
    /** What this server is busy with ("backup …" or "restore …"), null when idle. */
    private final AtomicReference<String> busy = new AtomicReference<>();
    private final AtomicReference<RestoreStatus> lastRestore = new AtomicReference<>();
    /** Manifests of files found in the storage, by name and size (reading one from S3 is a request). */
    private final Map<String, BackupManifest> foundManifests = new ConcurrentHashMap<>();

    public BackupService(Dependencies dependencies) {
        this.d = dependencies;
    }

    // ---- backups

    @Override
    public StartedBackup createBackup(CreateBackupCommand command) throws ConflictFailure {
        return start(BackupTrigger.MANUAL, command.actor(), command.includeTelemetry());
    }

    /** Starts a scheduled backup (see {@link BackupJobs}); empty when this server is busy. */
    Optional<StartedBackup> startScheduled(boolean includeTelemetry) {
        try {
            return Optional.of(start(BackupTrigger.SCHEDULED, null, includeTelemetry));
        } catch (ConflictFailure busyNow) {
            return Optional.empty();
        }
    }

    private StartedBackup start(BackupTrigger trigger, Actor actor, boolean includeTelemetry) throws ConflictFailure {
        claim("backup");
        try {
            BackupRun run = begin(trigger, actor, includeTelemetry);
            CompletableFuture<BackupRun> finished = CompletableFuture.supplyAsync(() -> {
                try {
                    return complete(run);
                } finally {
                    busy.set(null);
                }
            }, d.executor());
            return new StartedBackup(run, finished);
        } catch (RuntimeException e) {
            busy.set(null);
            throw e;
        }
    }

    private BackupRun begin(BackupTrigger trigger, Actor actor, boolean includeTelemetry) {
        UUID id = d.ids().newId();
        Instant now = d.clock().instant();
        String createdBy = actor == null ? "schedule" : actor.label();
        BackupRun run = BackupRun.started(id, BackupName.of(now, trigger, id.toString().replace("-", "").substring(24)), trigger, now,
                createdBy, d.storage().description(), includeTelemetry);
        d.transactions().inTransaction(() -> {
            d.runs().save(run);
            if (actor != null && trigger == BackupTrigger.MANUAL) {
                d.audit().append(new AuditEvent(actor, "backup.create", "backup", run.name().value(), Optional.empty(),
                        Changes.none().field("includeTelemetry", null, includeTelemetry).field("target", null, run.target())));
            }
            return null;
        });
        return run;
    }

    /** Writes the snapshot, stores it, records the outcome and applies retention; never throws. */
    private BackupRun complete(BackupRun run) {
        Path file = d.staging().resolve(run.name().value() + ".partial");
        BackupRun ended;
        try {
            Files.createDirectories(d.staging());
            BackupManifest manifest = d.snapshots().write(file, new DatabaseSnapshots.SnapshotRequest(d.version(), run.startedAt(),
                    run.createdBy(), run.trigger(), run.telemetryIncluded()), DatabaseSnapshots.Progress.NONE);
            long bytes = Files.size(file);
            String sha256 = Checksums.sha256(file);
            d.storage().store(run.name(), file);
            ended = run.succeeded(d.clock().instant(), bytes, sha256, manifest.rowsByTable());
            LOG.log(System.Logger.Level.INFO, "backup {0} written to {1}: {2} bytes, {3} rows in {4} tables, {5} ms", run.name(),
                    run.target(), bytes, manifest.totalRows(), manifest.tables().size(),
                    ended.duration().map(java.time.Duration::toMillis).orElse(0L));
        } catch (IOException | RuntimeException e) {
            String reason = reason(e);
            LOG.log(System.Logger.Level.ERROR, "backup " + run.name() + " FAILED: " + reason, e);
            ended = run.failed(d.clock().instant(), reason);
        } finally {
            deleteQuietly(file);
        }
        BackupRun recorded = ended;
        try {
            d.transactions().inTransaction(() -> {
                d.runs().save(recorded);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not record the end of backup " + run.name() + ": " + e.getMessage(), e);
        }
        if (recorded.status() == BackupStatus.SUCCEEDED) {
            applyRetention();
        }
        return recorded;
    }

    /** Deletes the backups the policy no longer keeps (only files that are backups); returns their names. */
    public List<BackupName> applyRetention() {
        BackupPolicy policy = d.policy().current();
        List<BackupName> deleted = new ArrayList<>();
        try {
            for (StoredBackup expired : policy.retention().expired(d.storage().list(), StoredBackup::lastModified, d.clock().instant())) {
                d.storage().delete(expired.name());
                deleted.add(expired.name());
            }
            if (!deleted.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "retention ({0}) deleted {1} backup(s): {2}", policy.retention(), deleted.size(), deleted);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "backup retention failed: " + reason(e), e);
        }
        return deleted;
    }

    // ---- verify and restore

    @Override
    public BackupCheck verifyBackup(BackupSource source) throws BackupRefusedFailure, NotFoundFailure {
        Fetched fetched = fetch(source);
        try {
            VerifiedBackup verified = check(fetched.file());
            return new BackupCheck(source.label(), verified.manifest(), verified.fileBytes(), verified.fileSha256(),
                    d.snapshots().buildSchema(), d.snapshots().holdsSchema());
        } finally {
            fetched.discard();
        }
    }

    @Override
    public StartedRestore restoreBackup(RestoreBackupCommand command) throws BackupRefusedFailure, NotFoundFailure, ConflictFailure {
        claim("restore");
        Fetched fetched = null;
        try {
            fetched = fetch(command.source());
            VerifiedBackup verified = check(fetched.file());
            RestoreStatus starting = RestoreStatus.starting(command.source().label(), d.clock().instant(), verified.manifest().tables().size());
            lastRestore.set(starting);
            Fetched file = fetched;
            CompletableFuture<RestoreStatus> finished = CompletableFuture.supplyAsync(() -> {
                try {
                    return restore(command, file.file(), verified);
                } finally {
                    file.discard();
                    busy.set(null);
                }
            }, d.executor());
            return new StartedRestore(starting, finished);
        } catch (BackupRefusedFailure | NotFoundFailure | RuntimeException e) {
            if (fetched != null) {
                fetched.discard();
            }
            busy.set(null);
            throw e;
        }
    }

    private RestoreStatus restore(RestoreBackupCommand command, Path file, VerifiedBackup verified) {
        try {
            if (d.snapshots().holdsSchema()) {
                lastRestore.updateAndGet(s -> s.inPhase(RestoreStatus.Phase.PRE_RESTORE_BACKUP));
                BackupRun before = complete(begin(BackupTrigger.PRE_RESTORE, command.actor(), true));
                if (before.status() != BackupStatus.SUCCEEDED) {
                    throw new IllegalStateException("the pre-restore backup failed (" + before.error().orElse("?")
                            + "), so nothing was restored");
                }
                lastRestore.updateAndGet(s -> s.withPreRestoreBackup(before.name()));
            }
            lastRestore.updateAndGet(s -> s.inPhase(RestoreStatus.Phase.RESTORING));
            d.snapshots().restore(file, verified, (table, index, total, rows) -> lastRestore.updateAndGet(s -> s.tableDone(rows)));
            try {
                d.afterRestore().run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "after the restore, refreshing this server failed: " + reason(e), e);
            }
            BackupManifest manifest = verified.manifest();
            d.transactions().inTransaction(() -> d.audit().append(new AuditEvent(command.actor(), "backup.restore", "backup",
                    command.source().label(), Optional.empty(), Changes.none()
                            .field("backupCreatedAt", null, manifest.createdAt().toString())
                            .field("backupSchema", null, manifest.schema().toString())
                            .field("rows", null, manifest.totalRows())
                            .field("preRestoreBackup", null, lastRestore.get().preRestoreBackup().map(BackupName::value).orElse("")))));
            AuditQueries.Verification audit = d.auditQueries().verify();
            String verification = audit.firstBrokenLink().map(broken -> "BROKEN after " + audit.entriesChecked() + " entries: " + broken)
                    .orElse("intact: " + audit.entriesChecked() + " entries, every link verified");
            RestoreStatus done = lastRestore.updateAndGet(s -> s.succeeded(d.clock().instant(), verification));
            LOG.log(System.Logger.Level.INFO, "restored {0}: {1} rows in {2} tables; audit log {3}", command.source().label(),
                    done.rowsRestored(), done.tablesDone(), verification);
            return done;
        } catch (RuntimeException e) {
            String reason = reason(e);
            LOG.log(System.Logger.Level.ERROR, "restore of " + command.source().label() + " FAILED (nothing was changed): " + reason, e);
            return lastRestore.updateAndGet(s -> s.failed(d.clock().instant(), reason));
        }
    }

    /** Verifies the file, then refuses a newer schema or a key ring the master key cannot open. */
    private VerifiedBackup check(Path file) throws BackupRefusedFailure {
        VerifiedBackup verified = d.snapshots().verify(file);
        BackupManifest manifest = verified.manifest();
        SchemaLevel build = d.snapshots().buildSchema();
        if (manifest.schema().isNewerThan(build)) {
            throw new BackupRefusedFailure("The backup comes from a newer schema than this build knows: it has " + manifest.schema()
                    + ", this VectorFlow (" + d.version() + ") has " + build + ". Restore it with VectorFlow "
                    + manifest.vectorflowVersion() + " or newer. Nothing was changed.");
        }
        if (verified.canary().isEmpty() || verified.primaryKeyId().isEmpty()) {
            if (!verified.dataKeys().isEmpty() || manifest.table("secrets").map(t -> t.rows() > 0).orElse(false)) {
                throw new BackupRefusedFailure("The backup holds sealed values but no complete key ring (no primary data key or canary).");
            }
            return verified;
        }
        try {
            KeyRingService.proveMasterKey(d.freshCipher().get(), verified.dataKeys(), verified.primaryKeyId().get(), verified.canary().get());
        } catch (KeyRingFailure e) {
            throw new BackupRefusedFailure("The master key of this server cannot open the key ring in this backup (" + e.getMessage()
                    + "): the backup was sealed with another master key. Nothing was changed. Restore with the master key of the"
                    + " installation that took the backup (its VF_MASTER_KEY, or its master.key file in VF_DATA_DIR).");
        }
        return verified;
    }

    /** A backup file on this host: the given file, or a copy fetched from the storage (removed afterwards). */
    private record Fetched(Path file, boolean temporary) {
        void discard() {
            if (temporary) {
                deleteQuietly(file);
            }
        }
    }

    private Fetched fetch(BackupSource source) throws NotFoundFailure {
        if (source.localFile().isPresent()) {
            Path file = source.localFile().get();
            if (!Files.isRegularFile(file)) {
                throw new NotFoundFailure("Backup file", file);
            }
            return new Fetched(file, false);
        }
        BackupName name = source.inStorage().orElseThrow();
        Path copy = d.staging().resolve(name.value() + ".fetched-" + d.ids().newId().toString().substring(0, 8));
        try (InputStream in = d.storage().open(name)) {
            Files.createDirectories(d.staging());
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(copy);
            throw new BackupStorageFailure("Cannot fetch backup " + name + " from " + d.storage().description() + ": " + e.getMessage(), e);
        }
        return new Fetched(copy, true);
    }

    // ---- download and queries

    @Override
    public Download downloadBackup(BackupName name, Actor actor) throws NotFoundFailure {
        StoredBackup stored = d.storage().list().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundFailure("Backup", name));
        InputStream content = d.storage().open(name);
        d.transactions().inTransaction(() -> d.audit().append(new AuditEvent(actor, "backup.download", "backup", name.value(),
                Optional.empty(), Changes.none().field("bytes", null, stored.bytes()))));
        return new Download(name, content, stored.bytes());
    }

    @Override
    public BackupOverview overview() {
        BackupPolicy policy = d.policy().current();
        List<BackupRun> runs = d.transactions().inTransaction(() -> d.runs().newest(LISTED));
        List<Listed> listed = new ArrayList<>();
        Set<BackupName> inStorage = new HashSet<>();
        Optional<String> storageProblem = Optional.empty();
        List<StoredBackup> stored = List.of();
        try {
            stored = d.storage().list();
            stored.forEach(s -> inStorage.add(s.name()));
        } catch (RuntimeException e) {
            storageProblem = Optional.of(reason(e));
        }
        Set<BackupName> recorded = new HashSet<>();
        for (BackupRun run : runs) {
            recorded.add(run.name());
            listed.add(new Listed(run, inStorage.contains(run.name())));
        }
        stored.stream().filter(s -> !recorded.contains(s.name())).sorted(Comparator.comparing(StoredBackup::lastModified).reversed())
                .limit(LISTED).forEach(s -> found(s).ifPresent(run -> listed.add(new Listed(run, true))));
        listed.sort(Comparator.comparing((Listed l) -> l.run().startedAt()).reversed());
        Optional<String> schedule = policy.schedule().map(Object::toString);
        Optional<Instant> next = policy.schedule().flatMap(s -> s.next(d.clock().instant()));
        return new BackupOverview(listed, d.storage().description() + storageProblem.map(p -> " (cannot be listed: " + p + ")").orElse(""),
                schedule, next, policy.retention().toString(), policy.telemetryInScheduled(), lastRestore());
    }

    /** A file in the storage that no run records, described by its manifest. */
    private Optional<BackupRun> found(StoredBackup stored) {
        String key = stored.name().value() + "/" + stored.bytes();
        BackupManifest manifest = foundManifests.get(key);
        if (manifest == null) {
            try (InputStream head = d.storage().open(stored.name())) {
                manifest = d.snapshots().readManifest(head);
                if (foundManifests.size() < 10_000) {
                    foundManifests.put(key, manifest);
                }
            } catch (BackupRefusedFailure | NotFoundFailure | IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "{0} in the backup storage is not a readable backup: {1}", stored.name(), reason(e));
                return Optional.empty();
            }
        }
        UUID id = UUID.nameUUIDFromBytes(stored.name().value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Optional.of(new BackupRun(id, stored.name(), manifest.trigger(), BackupStatus.SUCCEEDED, manifest.createdAt(),
                Optional.of(manifest.createdAt()), manifest.createdBy(), d.storage().description(), manifest.telemetryIncluded(),
                stored.bytes(), "", manifest.rowsByTable(), Optional.empty()));
    }

    @Override
    public boolean restoreInProgress() {
        RestoreStatus status = lastRestore.get();
        return status != null && status.running();
    }

    @Override
    public Optional<RestoreStatus> lastRestore() {
        return Optional.ofNullable(lastRestore.get());
    }

    /** The policy in force (for the scheduler). */
    BackupPolicy policy() {
        return d.policy().current();
    }

    Optional<BackupRun> lastScheduled() {
        return d.transactions().inTransaction(() -> d.runs().lastOf(BackupTrigger.SCHEDULED));
    }

    Instant now() {
        return d.clock().instant();
    }

    // ---- helpers

    private void claim(String what) throws ConflictFailure {
        String other = busy.get();
        if (other != null || !busy.compareAndSet(null, what)) {
            throw ConflictFailure.onState("This server is running a " + busy.get() + " already; try again when it has finished.");
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            message = e.getCause().getMessage();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete {0}: {1}", file, e.getMessage());
        }
    }
}
