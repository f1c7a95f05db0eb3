package dev.vectorflow.ports.service.backup;

import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.ports.in.backup.CreateBackupUseCase.StartedBackup;
import dev.vectorflow.ports.out.backup.BackupPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * The scheduled part of backups, run by whichever server holds the job's lease: a backup is due when the schedule
 * fired since the last scheduled run started (so one missed while no server ran is taken as soon as one does, and a
 * failed one is not repeated before the next firing).
 */
public final class BackupJobs {

    public static final String SCHEDULE = "backup.schedule";

    private final BackupService backups;

    public BackupJobs(BackupService backups) {
        this.backups = backups;
    }

    /** Starts a scheduled backup when one is due and this server is free; returns it. */
    public Optional<StartedBackup> runIfDue() {
        BackupPolicy policy = backups.policy();
        if (policy.schedule().isEmpty()) {
            return Optional.empty();
        }
        Instant now = backups.now();
        Optional<Instant> fired = policy.schedule().get().previous(now);
        if (fired.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> lastStart = backups.lastScheduled().map(BackupRun::startedAt);
        if (lastStart.isPresent() && !lastStart.get().isBefore(fired.get())) {
            return Optional.empty();
        }
        return backups.startScheduled(policy.telemetryInScheduled());
    }
}
