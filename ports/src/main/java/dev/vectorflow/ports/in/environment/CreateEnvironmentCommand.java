package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.TeamId;
import java.util.Objects;

/** Input of {@link CreateEnvironmentUseCase}: the owning team, a name and an optional description. */
public record CreateEnvironmentCommand(Actor actor, TeamId teamId, EnvironmentName name, String description) {

    public CreateEnvironmentCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(name, "name");
        description = Environment.checkDescription(description);
    }
}
