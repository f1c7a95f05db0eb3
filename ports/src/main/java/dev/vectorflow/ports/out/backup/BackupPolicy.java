package dev.vectorflow.ports.out.backup;

import dev.vectorflow.core.backup.CronSchedule;
import dev.vectorflow.core.backup.RetentionPolicy;
import java.util.Objects;
import java.util.Optional;

/** When scheduled backups run (none without a schedule), which backups are kept, and whether scheduled ones hold telemetry. */
public record BackupPolicy(Optional<CronSchedule> schedule, RetentionPolicy retention, boolean telemetryInScheduled) {

    public BackupPolicy {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(retention, "retention");
    }
}
