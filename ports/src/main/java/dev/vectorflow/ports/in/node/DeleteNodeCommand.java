package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import java.util.Objects;

/** Input of {@link DeleteNodeUseCase}. */
public record DeleteNodeCommand(Actor actor, NodeId node) {

    public DeleteNodeCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
    }
}
