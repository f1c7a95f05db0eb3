package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.failure.ConflictFailure;
import java.util.concurrent.CompletableFuture;

/**
 * Use case: take a backup now, while the server keeps serving. It runs in the background; the answer is the run as it
 * started and a future of the run as it ended (succeeded or failed, recorded either way).
 */
public interface CreateBackupUseCase {

    /** @throws ConflictFailure while this server runs another backup or a restore */
    StartedBackup createBackup(CreateBackupCommand command) throws ConflictFailure;

    /** The run as it began, and as it will end. */
    record StartedBackup(BackupRun run, CompletableFuture<BackupRun> finished) {
    }
}
