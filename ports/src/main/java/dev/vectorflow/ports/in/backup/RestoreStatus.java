package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.backup.BackupName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a restore stands: its phase, the tables restored so far, the pre-restore backup it took, and at the end the
 * audit chain's verification or the reason it failed (a failed restore changed nothing).
 */
public record RestoreStatus(String source, Phase phase, Instant startedAt, Optional<Instant> finishedAt, int tablesDone, int tablesTotal,
                            long rowsRestored, Optional<BackupName> preRestoreBackup, Optional<String> auditVerification,
                            Optional<String> error) {

    /** The steps of a restore, in order; it ends in SUCCEEDED or FAILED. */
    public enum Phase { VERIFYING, PRE_RESTORE_BACKUP, RESTORING, SUCCEEDED, FAILED }

    public RestoreStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(preRestoreBackup, "preRestoreBackup");
        Objects.requireNonNull(auditVerification, "auditVerification");
        Objects.requireNonNull(error, "error");
    }

    public static RestoreStatus starting(String source, Instant at, int tables) {
        return new RestoreStatus(source, Phase.VERIFYING, at, Optional.empty(), 0, tables, 0, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean running() {
        return finishedAt.isEmpty();
    }

    public RestoreStatus inPhase(Phase next) {
        return new RestoreStatus(source, next, startedAt, finishedAt, tablesDone, tablesTotal, rowsRestored, preRestoreBackup,
                auditVerification, error);
    }

    public RestoreStatus withPreRestoreBackup(BackupName name) {
        return new RestoreStatus(source, phase, startedAt, finishedAt, tablesDone, tablesTotal, rowsRestored, Optional.of(name),
                auditVerification, error);
    }

    public RestoreStatus tableDone(long rows) {
        return new RestoreStatus(source, phase, startedAt, finishedAt, tablesDone + 1, tablesTotal, rowsRestored + rows,
                preRestoreBackup, auditVerification, error);
    }

    public RestoreStatus succeeded(Instant at, String audit) {
        return new RestoreStatus(source, Phase.SUCCEEDED, startedAt, Optional.of(at), tablesDone, tablesTotal, rowsRestored,
                preRestoreBackup, Optional.of(audit), Optional.empty());
    }

    public RestoreStatus failed(Instant at, String reason) {
        return new RestoreStatus(source, Phase.FAILED, startedAt, Optional.of(at), tablesDone, tablesTotal, rowsRestored,
                preRestoreBackup, auditVerification, Optional.of(reason));
    }
}
