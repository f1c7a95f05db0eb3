package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.failure.BackupRefusedFailure;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import java.util.concurrent.CompletableFuture;

/**
 * Use case: restore a backup. It is verified first (as {@link VerifyBackupUseCase} does) and refused before anything
 * changes when it must be; then, in the background, a database that holds data is backed up first, the backup's
 * content replaces it in one transaction, the servers drop their caches and the audit chain is verified.
 */
public interface RestoreBackupUseCase {

    /**
     * @throws BackupRefusedFailure when the backup is damaged, from a newer schema, or sealed with another master key
     * @throws NotFoundFailure when there is no such backup
     * @throws ConflictFailure while this server runs a backup or another restore
     */
    StartedRestore restoreBackup(RestoreBackupCommand command) throws BackupRefusedFailure, NotFoundFailure, ConflictFailure;

    /** The restore as it started, and as it will end. */
    record StartedRestore(RestoreStatus status, CompletableFuture<RestoreStatus> finished) {
    }
}
