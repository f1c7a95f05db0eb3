package dev.vectorflow.ports.in.heartbeat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import java.util.Objects;

/** The node a valid, unrevoked node token belongs to: who is calling on the agent API. */
public record AgentIdentity(NodeId nodeId, EnvironmentId environmentId) {

    public AgentIdentity {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(environmentId, "environmentId");
    }
}
