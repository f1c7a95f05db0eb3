package dev.vectorflow.ports.out.backup;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.failure.NotFoundFailure;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Driven port: where backup files are kept (a local directory, an S3 bucket). Failures are {@link BackupStorageFailure}s. */
public interface BackupStorage {

    /** A backup file as the storage lists it. */
    record StoredBackup(BackupName name, long bytes, Instant lastModified) {
    }

    /** Where this is, for people: {@code directory /var/lib/vectorflow/backups}, {@code s3://bucket/prefix/ at https://…}. */
    String description();

    /** Puts a finished file in the storage under {@code name}. */
    void store(BackupName name, Path file);

    /** Every backup file in the storage (other files are not listed). */
    List<StoredBackup> list();

    /** Reads a backup file; the caller closes the stream. */
    InputStream open(BackupName name) throws NotFoundFailure;

    void delete(BackupName name);
}
