package dev.vectorflow.app;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.out.backup.BackupStorage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The backup storage the settings name right now: when the target or the S3 settings change (on any server), the next
 * call opens the new storage and closes the old client, so a change needs no restart.
 */
final class SettingsBackupStorage implements BackupStorage, AutoCloseable {

    private final BackupSettings backup;
    private final Supplier<SettingsSnapshot> settings;
    private Optional<Object> openedFor = Optional.empty();
    private BackupStorage current;

    SettingsBackupStorage(BackupSettings backup, Supplier<SettingsSnapshot> settings) {
        this.backup = backup;
        this.settings = settings;
    }

    /** The storage for the current settings, opened again when they changed. */
    private synchronized BackupStorage storage() {
        SettingsSnapshot now = settings.get();
        Object wanted = BackupSettings.s3(now).map(Object.class::cast).orElse("local");
        if (current == null || !openedFor.equals(Optional.of(wanted))) {
            BackupStorage previous = current;
            current = backup.openStorage(now);
            openedFor = Optional.of(wanted);
            closeQuietly(previous);
        }
        return current;
    }

    @Override
    public String description() {
        return storage().description();
    }

    @Override
    public void store(BackupName name, Path file) {
        storage().store(name, file);
    }

    @Override
    public List<StoredBackup> list() {
        return storage().list();
    }

    @Override
    public InputStream open(BackupName name) throws NotFoundFailure {
        return storage().open(name);
    }

    @Override
    public void delete(BackupName name) {
        storage().delete(name);
    }

    @Override
    public synchronized void close() {
        closeQuietly(current);
        current = null;
    }

    private static void closeQuietly(BackupStorage storage) {
        if (storage instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(SettingsBackupStorage.class).warn("closing the backup storage failed: {}", e.getMessage());
            }
        }
    }
}
