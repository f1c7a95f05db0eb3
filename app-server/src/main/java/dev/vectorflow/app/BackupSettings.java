package dev.vectorflow.app;

import dev.vectorflow.adapter.storage.LocalDirectoryBackupStorage;
import dev.vectorflow.adapter.storage.S3BackupStorage;
import dev.vectorflow.core.backup.CronSchedule;
import dev.vectorflow.core.backup.RetentionPolicy;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.out.backup.BackupPolicy;
import dev.vectorflow.ports.out.backup.BackupStorage;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where local backups go ({@code VF_BACKUP_DIR}, default {@code <VF_DATA_DIR>/backups}, read at start), and what the
 * settings store says about backups: the schedule and retention (the {@link BackupPolicy} the backup service asks for at
 * every tick), the target and the S3 bucket with its credentials (the secret key sealed in the store, never printed).
 */
record BackupSettings(Path directory, Path staging) {

    static final List<ServerSettings.Variable> VARIABLES = List.of(
            new ServerSettings.Variable("VF_BACKUP_DIR", "", false, "Directory of local backups; empty uses <VF_DATA_DIR>/backups"));

    static BackupSettings fromEnvironment(Map<String, String> env, Path dataDirectory) {
        Path directory = ServerSettings.optional(env, "VF_BACKUP_DIR").map(Path::of).orElse(dataDirectory.resolve("backups"));
        return new BackupSettings(directory, dataDirectory.resolve("backup-staging"));
    }

    /** The schedule, retention and telemetry choice of scheduled backups. */
    static BackupPolicy policy(SettingsSnapshot settings) {
        return new BackupPolicy(settings.optionalText(SettingsCatalog.BACKUP_SCHEDULE).map(c -> CronSchedule.parse(SettingsCatalog.BACKUP_SCHEDULE, c)),
                new RetentionPolicy(settings.wholeInt(SettingsCatalog.BACKUP_KEEP_LAST), settings.wholeInt(SettingsCatalog.BACKUP_KEEP_DAYS)),
                settings.flag(SettingsCatalog.BACKUP_INCLUDE_TELEMETRY));
    }

    /** The S3 bucket when the target is s3. */
    static Optional<S3BackupStorage.Settings> s3(SettingsSnapshot settings) {
        if (!settings.text(SettingsCatalog.BACKUP_TARGET).equals("s3")) {
            return Optional.empty();
        }
        return Optional.of(new S3BackupStorage.Settings(settings.text(SettingsCatalog.BACKUP_S3_BUCKET), settings.text(SettingsCatalog.BACKUP_S3_PREFIX),
                settings.text(SettingsCatalog.BACKUP_S3_REGION), settings.optionalText(SettingsCatalog.BACKUP_S3_ENDPOINT).map(URI::create),
                settings.flag(SettingsCatalog.BACKUP_S3_PATH_STYLE), settings.optionalText(SettingsCatalog.BACKUP_S3_ACCESS_KEY),
                settings.optionalText(SettingsCatalog.BACKUP_S3_SECRET_KEY)));
    }

    /** The storage the settings name (an S3 client is closed by the caller). */
    BackupStorage openStorage(SettingsSnapshot settings) {
        return s3(settings).<BackupStorage>map(S3BackupStorage::connect).orElseGet(() -> new LocalDirectoryBackupStorage(directory));
    }

    /** The value read at start. */
    List<String> describe() {
        return List.of("VF_BACKUP_DIR = " + directory.toAbsolutePath().normalize());
    }
}
