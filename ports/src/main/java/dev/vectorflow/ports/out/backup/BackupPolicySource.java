package dev.vectorflow.ports.out.backup;

/**
 * Driven port: where the backup policy comes from. Asked at every scheduling tick, so a source that can change (a
 * settings store) takes effect without a restart; today the server reads it from its {@code VF_BACKUP_*} settings.
 */
@FunctionalInterface
public interface BackupPolicySource {

    BackupPolicy current();
}
