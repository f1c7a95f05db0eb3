package dev.vectorflow.ports.out.backup;

import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.core.backup.SchemaLevel;
import dev.vectorflow.core.failure.BackupRefusedFailure;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Driven port: the whole database as one backup file, and back. A snapshot is one consistent view taken while the
 * server keeps serving; a file is verified end to end before anything is read from it; a restore replaces the
 * database's content in one transaction, so it either happens entirely or not at all.
 */
public interface DatabaseSnapshots {

    /** What a new backup records about itself besides what the database tells. */
    record SnapshotRequest(String vectorflowVersion, Instant createdAt, String createdBy, BackupTrigger trigger, boolean includeTelemetry) {
    }

    /** Told about each table as it is written or restored. */
    @FunctionalInterface
    interface Progress {
        void table(String name, int index, int total, long rows);

        Progress NONE = (name, index, total, rows) -> { };
    }

    /**
     * Writes a snapshot of the database to {@code file} (compressed, manifest first, checksummed) and returns its manifest.
     *
     * @throws BackupStorageFailure when the file cannot be written
     */
    BackupManifest write(Path file, SnapshotRequest request, Progress progress);

    /**
     * Checks a backup file end to end (its checksum, its manifest, every table's rows against the manifest) and reads
     * the parts a restore needs to check before it starts.
     *
     * @throws BackupRefusedFailure when the file is damaged, cut short or not a backup at all
     */
    VerifiedBackup verify(Path file) throws BackupRefusedFailure;

    /**
     * The manifest at the head of a backup, without verifying the rest (for listings).
     *
     * @throws BackupRefusedFailure when the head is not a backup's
     */
    BackupManifest readManifest(InputStream head) throws BackupRefusedFailure;

    /** The schema level this build migrates to. */
    SchemaLevel buildSchema();

    /** True when the database holds VectorFlow's tables (a restore then takes a backup of them first). */
    boolean holdsSchema();

    /**
     * Replaces the database's content with a verified backup's, in one transaction: the schema is rebuilt at the
     * backup's level, its rows loaded, the schema migrated to this build's level; sign-in sessions of users that still
     * exist and the record of backup runs are kept. Every server sharing the database is told to drop what it cached.
     */
    void restore(Path file, VerifiedBackup backup, Progress progress);
}
