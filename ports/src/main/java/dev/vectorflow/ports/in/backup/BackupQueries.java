package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.backup.BackupRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of backups: the list (runs, failed ones too, and backups found in the storage), the policy, the last restore. */
public interface BackupQueries {

    BackupOverview overview();

    /** True while this server restores: it then refuses other work. */
    boolean restoreInProgress();

    Optional<RestoreStatus> lastRestore();

    /**
     * The backups, newest first: every recorded run, and files in the storage no run of this database names (taken
     * before a restore, or elsewhere); {@code available} says whether the file is in the storage.
     */
    record BackupOverview(List<Listed> backups, String storage, Optional<String> schedule, Optional<Instant> nextScheduled,
                          String retention, boolean telemetryInScheduled, Optional<RestoreStatus> restore) {
    }

    record Listed(BackupRun run, boolean available) {
    }
}
