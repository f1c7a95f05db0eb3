package dev.vectorflow.ports.in.enrollment;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeToken;
import java.time.Duration;

/** A node that just enrolled: its id, its node token (shown this once), its environment and the poll interval to use. */
public record EnrolledNode(NodeId nodeId, NodeToken nodeToken, EnvironmentId environmentId, String environmentName, Duration pollInterval) {

    @Override
    public String toString() {
        return "EnrolledNode[nodeId=" + nodeId + ", nodeToken=****, environmentId=" + environmentId + ", environmentName=" + environmentName
                + ", pollInterval=" + pollInterval + "]";
    }
}
