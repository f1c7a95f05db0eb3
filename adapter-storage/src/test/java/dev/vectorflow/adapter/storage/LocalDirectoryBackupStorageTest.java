package dev.vectorflow.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.ports.contract.BackupStorageContract;
import dev.vectorflow.ports.out.backup.BackupStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class LocalDirectoryBackupStorageTest extends BackupStorageContract {

    private Path directory;

    @Override
    protected BackupStorage emptyStorage() {
        directory = scratch.resolve("data/backups");
        return new LocalDirectoryBackupStorage(directory);
    }

    @Override
    protected void putOtherFile(String name, byte[] content) throws Exception {
        Files.write(directory.resolve(name), content);
        Files.createDirectories(directory.resolve("vectorflow-in-a-folder.vfbackup"));
    }

    @Test
    void theDirectoryIsCreatedPrivate_andEachBackupIsReadableOnlyByTheServer() throws Exception {
        BackupStorage storage = emptyStorage();
        Path file = Files.writeString(scratch.resolve("x.partial"), "content");

        storage.store(new BackupName("vectorflow-private.vfbackup"), file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("vectorflow-private.vfbackup"))))
                .isEqualTo("rw-------");
        assertThat(file).doesNotExist();
        assertThat(storage.description()).isEqualTo("directory " + directory.toAbsolutePath());
    }
}
