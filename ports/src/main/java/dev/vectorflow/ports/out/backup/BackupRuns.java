package dev.vectorflow.ports.out.backup;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupTrigger;
import java.util.List;
import java.util.Optional;

/** Driven port: the record of backup runs, failed ones included (it is not part of a backup, and a restore keeps it). */
public interface BackupRuns {

    /** Records a run, or replaces the record of the same id. */
    void save(BackupRun run);

    /** The newest runs first. */
    List<BackupRun> newest(int limit);

    Optional<BackupRun> byName(BackupName name);

    /** The most recently started run of this trigger. */
    Optional<BackupRun> lastOf(BackupTrigger trigger);
}
