package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import java.util.Objects;

/** Input of {@link RevokeNodeTokenUseCase}. */
public record RevokeNodeTokenCommand(Actor actor, NodeId node) {

    public RevokeNodeTokenCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
    }
}
