package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.backup.BackupName;
import java.nio.file.Path;
import java.util.Objects;

/** Which backup to verify or restore: one in the configured storage, or a file on this host (the command line). */
public sealed interface BackupSource {

    /** How the source is named in messages. */
    String label();

    record InStorage(BackupName name) implements BackupSource {
        public InStorage {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String label() {
            return name.value();
        }
    }

    record LocalFile(Path path) implements BackupSource {
        public LocalFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String label() {
            return path.toString();
        }
    }
}
