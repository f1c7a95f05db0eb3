package dev.vectorflow.ports.in.release;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.AgentRelease;
import java.util.Objects;

/** Input of {@link RegisterAgentReleaseUseCase}. */
public record RegisterAgentReleaseCommand(Actor actor, AgentRelease release) {

    public RegisterAgentReleaseCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(release, "release");
    }
}
