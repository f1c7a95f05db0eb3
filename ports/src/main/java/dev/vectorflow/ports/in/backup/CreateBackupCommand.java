package dev.vectorflow.ports.in.backup;

import dev.vectorflow.core.access.Actor;
import java.util.Objects;

/** A backup someone asked for; telemetry (metric rollups, pipeline logs, event samples) only when {@code includeTelemetry}. */
public record CreateBackupCommand(Actor actor, boolean includeTelemetry) {

    public CreateBackupCommand {
        Objects.requireNonNull(actor, "actor");
    }
}
