package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.environment.EnvironmentId;
import java.util.Objects;

/** Input of {@link DeleteEnvironmentUseCase}. */
public record DeleteEnvironmentCommand(EnvironmentId id) {

    public DeleteEnvironmentCommand {
        Objects.requireNonNull(id, "id");
    }
}
