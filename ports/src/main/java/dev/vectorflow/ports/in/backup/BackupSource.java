package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.backup.BackupName;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Which backup to verify or restore: one in the configured storage, or a file on this host (the command line). */
public record BackupSource(Optional<BackupName> inStorage, Optional<Path> localFile) {

    public BackupSource {
        Objects.requireNonNull(inStorage, "inStorage");
        Objects.requireNonNull(localFile, "localFile");
        if (inStorage.isPresent() == localFile.isPresent()) {
            throw new IllegalArgumentException("a backup source is either in the storage or a local file");
        }
    }

    public static BackupSource inStorage(BackupName name) {
        return new BackupSource(Optional.of(name), Optional.empty());
    }

    public static BackupSource localFile(Path file) {
        return new BackupSource(Optional.empty(), Optional.of(file));
    }

    /** How the source is named in messages. */
    public String label() {
        return inStorage.map(BackupName::value).orElseGet(() -> localFile.orElseThrow().toString());
    }
}
