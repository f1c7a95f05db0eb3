package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import java.util.Objects;

/** Input of {@link ReenrollNodeUseCase}. */
public record ReenrollNodeCommand(Actor actor, NodeId node) {

    public ReenrollNodeCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
    }
}
