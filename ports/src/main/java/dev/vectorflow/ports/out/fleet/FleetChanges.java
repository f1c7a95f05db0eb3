package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;

/**
 * Driven port: tells every server sharing the database that cached fleet state changed (delivered when the unit of
 * work commits; the publishing server drops its own cache entries at once).
 */
public interface FleetChanges {

    /** Deployments, secrets or certificates of the environment changed: its desired state must be recomputed. */
    void environmentChanged(EnvironmentId environment);

    /** A node's labels, maintenance, token or pending actions changed, or it was deleted. */
    void nodeChanged(NodeId node);
}
