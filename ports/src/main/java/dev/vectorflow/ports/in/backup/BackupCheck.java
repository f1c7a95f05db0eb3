package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.SchemaLevel;

/**
 * What a verification found: the backup is intact (checksum, manifest and every table's rows agree), this build can
 * restore its schema, and the master key opens its key ring; with its manifest, size and SHA-256, and whether a
 * restore would first take a pre-restore backup of the database as it is.
 */
public record BackupCheck(String source, BackupManifest manifest, long bytes, String sha256, SchemaLevel buildSchema,
                          boolean preRestoreBackupFirst) {
}
