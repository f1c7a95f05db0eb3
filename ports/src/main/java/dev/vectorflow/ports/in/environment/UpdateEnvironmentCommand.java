package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import java.util.Objects;
import java.util.Optional;

/** Input of {@link UpdateEnvironmentUseCase}: the fields to change; an empty one stays as it is. */
public record UpdateEnvironmentCommand(Actor actor, EnvironmentId id, Optional<EnvironmentName> name, Optional<String> description,
                                       Optional<Boolean> requiresApproval) {

    /** A rename or re-description that leaves the approval setting alone. */
    public UpdateEnvironmentCommand(Actor actor, EnvironmentId id, Optional<EnvironmentName> name, Optional<String> description) {
        this(actor, id, name, description, Optional.empty());
    }

    public UpdateEnvironmentCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description = Objects.requireNonNull(description, "description").map(Environment::checkDescription);
        Objects.requireNonNull(requiresApproval, "requiresApproval");
    }
}
