package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.failure.NotFoundFailure;
import java.io.InputStream;

/** Use case: hand a backup file out (its secrets stay sealed); the download is audited. */
public interface DownloadBackupUseCase {

    Download downloadBackup(BackupName name, Actor actor) throws NotFoundFailure;

    /** The file's content (the caller closes it) and its size. */
    record Download(BackupName name, InputStream content, long bytes) {
    }
}
