package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import java.util.Objects;

/** Input of {@link SetNodeLabelsUseCase}: the labels users set on a node (they win over the agent's). */
public record SetNodeLabelsCommand(Actor actor, NodeId node, Labels labels) {

    public SetNodeLabelsCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(labels, "labels");
    }
}
