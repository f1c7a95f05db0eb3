package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.failure.BackupRefusedFailure;
import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: check a backup as a restore would, without changing anything ({@code vectorflow backup restore --dry-run}). */
public interface VerifyBackupUseCase {

    /**
     * @throws BackupRefusedFailure when the file is damaged or cut short, comes from a newer schema, or the master key
     *         cannot open its key ring (the message says which)
     * @throws NotFoundFailure when there is no such backup
     */
    BackupCheck verifyBackup(BackupSource source) throws BackupRefusedFailure, NotFoundFailure;
}
