package dev.vectorflow.ports.in.release;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import java.util.Objects;

/** Input of {@link UpdateNodeAgentUseCase}. */
public record UpdateNodeAgentCommand(Actor actor, NodeId node, String version) {

    public UpdateNodeAgentCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(version, "version");
    }
}
