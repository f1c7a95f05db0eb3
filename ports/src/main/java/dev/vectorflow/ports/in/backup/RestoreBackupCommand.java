package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.access.Actor;
import java.util.Objects;

/** Replace the database's content with a backup's. */
public record RestoreBackupCommand(Actor actor, BackupSource source) {

    public RestoreBackupCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
    }
}
