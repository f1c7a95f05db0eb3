package dev.vectorflow.adapter.storage;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.out.backup.BackupStorage;
import dev.vectorflow.ports.out.backup.BackupStorageFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link BackupStorage} in a directory of this host (by default {@code <data dir>/backups}): the directory is made
 * 0700 and each file 0600, a file appears under its name only once complete.
 */
public final class LocalDirectoryBackupStorage implements BackupStorage {

    private final Path directory;

    public LocalDirectoryBackupStorage(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public String description() {
        return "directory " + directory;
    }

    @Override
    public void store(BackupName name, Path file) {
        Path target = directory.resolve(name.value());
        Path partial = directory.resolve("." + name.value() + ".partial");
        try {
            ensureDirectory();
            try {
                Files.move(file, partial, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileSystemException otherDisk) {
                Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            restrict(partial, "rw-------");
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot store backup " + name + " in " + description() + ": " + e, e);
        }
    }

    @Override
    public List<StoredBackup> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<StoredBackup> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String fileName = file.getFileName().toString();
                if (BackupName.isBackupName(fileName) && Files.isRegularFile(file)) {
                    backups.add(new StoredBackup(new BackupName(fileName), Files.size(file), Files.getLastModifiedTime(file).toInstant()));
                }
            }
        } catch (NoSuchFileException gone) {
            // listed while being deleted
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot list the backups in " + description() + ": " + e, e);
        }
        return backups;
    }

    @Override
    public InputStream open(BackupName name) throws NotFoundFailure {
        try {
            return Files.newInputStream(directory.resolve(name.value()));
        } catch (NoSuchFileException e) {
            throw new NotFoundFailure("Backup", name);
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot read backup " + name + " in " + description() + ": " + e, e);
        }
    }

    @Override
    public void delete(BackupName name) {
        try {
            Files.deleteIfExists(directory.resolve(name.value()));
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot delete backup " + name + " in " + description() + ": " + e, e);
        }
    }

    private void ensureDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            restrict(directory, "rwx------");
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
