package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;

/** Use case: put a node in maintenance (it should run nothing) or take it out. */
public interface SetNodeMaintenanceUseCase {

    /** @return the node as it is now */
    Node setNodeMaintenance(SetNodeMaintenanceCommand command) throws NotFoundFailure;
}
