package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: delete a node with its history; its agent gets 401 from its next call on. */
public interface DeleteNodeUseCase {

    void deleteNode(DeleteNodeCommand command) throws NotFoundFailure;
}
