package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentName;
import java.util.Objects;

/** Input of {@link CreateEnvironmentUseCase}: a name and an optional description. */
public record CreateEnvironmentCommand(EnvironmentName name, String description) {

    public CreateEnvironmentCommand {
        Objects.requireNonNull(name, "name");
        description = Environment.checkDescription(description);
    }
}
