package dev.vectorflow.ports.out.backup;

import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backup file that passed verification: its manifest, its size and SHA-256, and its key ring (data keys wrapped by
 * the master key they were sealed with, the primary one, the canary) so that a restore can prove the master key first.
 */
public record VerifiedBackup(BackupManifest manifest, long fileBytes, String fileSha256, List<WrappedDataKey> dataKeys,
                             Optional<String> primaryKeyId, Optional<String> canary) {

    public VerifiedBackup {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(fileSha256, "fileSha256");
        dataKeys = List.copyOf(dataKeys);
        Objects.requireNonNull(primaryKeyId, "primaryKeyId");
        Objects.requireNonNull(canary, "canary");
    }
}
