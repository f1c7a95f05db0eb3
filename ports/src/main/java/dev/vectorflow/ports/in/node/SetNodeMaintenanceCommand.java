package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import java.util.Objects;

/** Input of {@link SetNodeMaintenanceUseCase}. */
public record SetNodeMaintenanceCommand(Actor actor, NodeId node, boolean on) {

    public SetNodeMaintenanceCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
    }
}
