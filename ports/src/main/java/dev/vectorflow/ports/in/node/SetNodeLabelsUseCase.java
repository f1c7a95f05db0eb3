package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;

/** Use case: replace the labels users set on a node; selectors see them over the agent's. */
public interface SetNodeLabelsUseCase {

    /** @return the node as it is now */
    Node setNodeLabels(SetNodeLabelsCommand command) throws NotFoundFailure;
}
