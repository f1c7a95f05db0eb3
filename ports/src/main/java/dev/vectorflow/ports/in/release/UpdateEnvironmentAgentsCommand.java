package dev.vectorflow.ports.in.release;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeSelector;
import java.util.Objects;

/** Input of {@link UpdateEnvironmentAgentsUseCase}. */
public record UpdateEnvironmentAgentsCommand(Actor actor, EnvironmentId environment, NodeSelector selector, String version) {

    public UpdateEnvironmentAgentsCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(version, "version");
    }
}
