package dev.vectorflow.app;

import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupStatus;
import dev.vectorflow.core.failure.BackupRefusedFailure;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.backup.BackupCheck;
import dev.vectorflow.ports.in.backup.BackupQueries;
import dev.vectorflow.ports.in.backup.BackupSource;
import dev.vectorflow.ports.in.backup.CreateBackupCommand;
import dev.vectorflow.ports.in.backup.RestoreBackupCommand;
import dev.vectorflow.ports.in.backup.RestoreBackupUseCase;
import dev.vectorflow.ports.in.backup.RestoreStatus;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.vectorflow.core.settings.SettingsSnapshot;

/** {@code vectorflow backup create | list | restore}: the backup service on the configured database, without a server. */
final class BackupCommands {

    private BackupCommands() {
    }

    static int create(ServerSettings settings, boolean includeTelemetry, PrintStream out, PrintStream err) {
        try (PostgresStore store = open(settings, true);
             BackupComposition backups = commandLine(store, settings)) {
            BackupRun run = backups.service.createBackup(new CreateBackupCommand(Actor.commandLine(), includeTelemetry)).finished().join();
            if (run.status() != BackupStatus.SUCCEEDED) {
                err.println("Backup " + run.name() + " FAILED: " + run.error().orElse("unknown reason"));
                return VectorFlowCli.FAILED;
            }
            out.println("Backup " + run.name() + " written to " + run.target() + ": " + run.bytes() + " bytes, " + run.totalRows() + " rows in "
                    + run.tableRows().size() + " tables" + (includeTelemetry ? "" : " (telemetry left out)") + ", "
                    + run.duration().map(java.time.Duration::toMillis).orElse(0L) + " ms; SHA-256 " + run.sha256() + ".");
            out.println("The master key is not in it: keep " + keySource(settings) + " safe separately, or the backup's secrets cannot be opened.");
            return VectorFlowCli.OK;
        } catch (ConflictFailure e) {
            err.println(e.getMessage());
            return VectorFlowCli.FAILED;
        }
    }

    static int list(ServerSettings settings, PrintStream out) {
        try (PostgresStore store = open(settings, true);
             BackupComposition backups = commandLine(store, settings)) {
            BackupQueries.BackupOverview overview = backups.service.overview();
            out.println("Storage: " + overview.storage());
            out.println("Schedule: " + overview.schedule().orElse("none") + overview.nextScheduled().map(n -> " (next " + n + ")").orElse("")
                    + "; retention: " + overview.retention());
            if (overview.backups().isEmpty()) {
                out.println("No backups yet.");
            }
            for (BackupQueries.Listed listed : overview.backups()) {
                BackupRun r = listed.run();
                out.printf("%-10s %-70s %12d bytes %9d rows %-12s %s%s%n", r.status(), r.name(), r.bytes(), r.totalRows(),
                        r.trigger().name().toLowerCase(java.util.Locale.ROOT), listed.available() ? "" : "(not in storage) ",
                        r.error().map(e -> "error: " + e).orElse(""));
            }
            return VectorFlowCli.OK;
        }
    }

    static int restore(ServerSettings settings, String sourceText, boolean dryRun, PrintStream out, PrintStream err) {
        BackupSource source;
        try {
            source = source(settings, sourceText);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return VectorFlowCli.USAGE;
        }
        try (PostgresStore store = open(settings, false);
             BackupComposition backups = commandLine(store, settings)) {
            if (store.snapshots().holdsSchema()) {
                // an existing database is brought to this build's schema first, like a server start would
                store.migrate();
            }
            if (dryRun) {
                BackupCheck check = backups.service.verifyBackup(source);
                describe(check, out);
                out.println("Dry run: the backup is intact and can be restored here; nothing was changed.");
                return VectorFlowCli.OK;
            }
            RestoreBackupUseCase.StartedRestore started = backups.service.restoreBackup(new RestoreBackupCommand(Actor.commandLine(), source));
            out.println("Restoring " + source.label() + " (" + started.status().tablesTotal() + " tables) ...");
            RestoreStatus done = awaitWithProgress(started, backups, out);
            if (done.phase() != RestoreStatus.Phase.SUCCEEDED) {
                err.println("Restore FAILED, nothing was changed: " + done.error().orElse("unknown reason"));
                done.preRestoreBackup().ifPresent(b -> err.println("The pre-restore backup " + b + " was taken and is kept."));
                return VectorFlowCli.FAILED;
            }
            out.println("Restored " + done.rowsRestored() + " rows in " + done.tablesDone() + " tables.");
            done.preRestoreBackup().ifPresent(b -> out.println("The database as it was before is in the pre-restore backup " + b + "."));
            out.println("Audit log " + done.auditVerification().orElse("not verified") + ".");
            out.println("Agents keep their node tokens from the backup; start the server (./vectorflow server) and they reconnect.");
            return done.auditVerification().orElse("").startsWith("intact") ? VectorFlowCli.OK : VectorFlowCli.FAILED;
        } catch (BackupRefusedFailure | ConflictFailure e) {
            err.println("Refused: " + e.getMessage());
            return VectorFlowCli.FAILED;
        } catch (NotFoundFailure e) {
            err.println("There is no backup " + sourceText + " (no such file here, and no such backup in the configured storage).");
            return VectorFlowCli.FAILED;
        }
    }

    /** The backup service as the command line uses it: the settings the database stores, the configured master key. */
    private static BackupComposition commandLine(PostgresStore store, ServerSettings settings) {
        SettingsSnapshot stored = BackupComposition.storedSettings(store, settings, BackupComposition.cipherOf(settings, false), Clock.systemUTC());
        return new BackupComposition(store, settings, () -> stored, BackupComposition.cipherOf(settings, false), Clock.systemUTC(), () -> { });
    }

    /** The configured database; the embedded one cannot be opened while a server has it, which the message then says. */
    private static PostgresStore open(ServerSettings settings, boolean migrate) {
        try {
            return PostgresStore.open(ServerApplication.databaseSettings(settings), migrate);
        } catch (dev.vectorflow.ports.out.persistence.PersistenceFailure e) {
            if (settings.databaseUrl().isEmpty()) {
                throw new dev.vectorflow.ports.out.persistence.PersistenceFailure(e.getMessage() + " (is the server running? Only one process"
                        + " can open the embedded database: use the UI or the API while it runs, or stop it first)", e);
            }
            throw e;
        }
    }

    /** An existing file, else a backup's name (or s3:// address) in the configured storage. */
    static BackupSource source(ServerSettings settings, String text) {
        Path file = Path.of(text);
        if (Files.isRegularFile(file)) {
            return BackupSource.localFile(file);
        }
        String name = text;
        if (text.startsWith("s3://")) {
            name = text.substring(text.lastIndexOf('/') + 1);
        }
        if (!BackupName.isBackupName(name)) {
            throw new IllegalArgumentException("'" + text + "' is neither a file nor the name of a backup (vectorflow-…" + BackupName.SUFFIX + ").");
        }
        return BackupSource.inStorage(new BackupName(name));
    }

    private static RestoreStatus awaitWithProgress(RestoreBackupUseCase.StartedRestore started, BackupComposition backups, PrintStream out) {
        String last = "";
        while (true) {
            try {
                return started.finished().get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                RestoreStatus now = backups.service.lastRestore().orElse(started.status());
                String line = "  " + now.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + now.tablesDone() + "/"
                        + now.tablesTotal() + " tables";
                if (!line.equals(last)) {
                    out.println(line);
                    last = line;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while restoring", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static void describe(BackupCheck check, PrintStream out) {
        BackupManifest m = check.manifest();
        out.println("Backup " + check.source() + ": " + check.bytes() + " bytes, SHA-256 " + check.sha256());
        out.println("  taken " + m.createdAt() + " by " + m.createdBy() + " (" + m.trigger().name().toLowerCase(java.util.Locale.ROOT)
                + "), VectorFlow " + m.vectorflowVersion() + ", PostgreSQL " + m.postgresVersion());
        out.println("  schema " + m.schema() + "; this build: " + check.buildSchema());
        out.println("  telemetry " + (m.telemetryIncluded() ? "included" : "left out") + "; not in any backup: " + String.join(", ", m.excludedTables()));
        for (Map.Entry<String, Long> table : m.rowsByTable().entrySet()) {
            out.printf("  %-28s %10d rows%n", table.getKey(), table.getValue());
        }
        out.println("  " + m.totalRows() + " rows in " + m.tables().size() + " tables"
                + (check.preRestoreBackupFirst() ? "; a restore would first take a pre-restore backup of this database" : ""));
    }

    private static String keySource(ServerSettings settings) {
        return settings.masterKey().isPresent() ? "VF_MASTER_KEY" : dev.vectorflow.adapter.crypto.MasterKeySource.defaultKeyFile(settings.dataDirectory())
                .toString();
    }
}
