package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import java.util.Objects;

/** Input of {@link DeleteEnvironmentUseCase}. */
public record DeleteEnvironmentCommand(Actor actor, EnvironmentId id) {

    public DeleteEnvironmentCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
    }
}
