package dev.vectorflow.core.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An enrolled host running the agent: what it told us about itself, the labels its agent reports and the labels users
 * set (users win), maintenance mode (then it should run nothing), its status and when we last heard from it.
 */
public record Node(NodeId id, EnvironmentId environmentId, String hostname, String os, String agentVersion, String vectorVersion,
                   String deploymentMode, Labels agentLabels, Labels userLabels, boolean maintenance, NodeStatus status,
                   String statusReason, Instant enrolledAt, Optional<Instant> lastHeartbeatAt, boolean tokenRevoked,
                   String updateError) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        hostname = Objects.requireNonNullElse(hostname, "");
        os = Objects.requireNonNullElse(os, "");
        agentVersion = Objects.requireNonNullElse(agentVersion, "");
        vectorVersion = Objects.requireNonNullElse(vectorVersion, "");
        deploymentMode = Objects.requireNonNullElse(deploymentMode, "UNKNOWN");
        agentLabels = agentLabels == null ? Labels.NONE : agentLabels;
        userLabels = userLabels == null ? Labels.NONE : userLabels;
        Objects.requireNonNull(status, "status");
        statusReason = Objects.requireNonNullElse(statusReason, "");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        Objects.requireNonNull(lastHeartbeatAt, "lastHeartbeatAt");
        updateError = Objects.requireNonNullElse(updateError, "");
    }

    /** The labels selectors see: the agent's, overridden by those users set. */
    public Labels labels() {
        return agentLabels.overriddenBy(userLabels);
    }

    public Node withUserLabels(Labels labels) {
        return new Node(id, environmentId, hostname, os, agentVersion, vectorVersion, deploymentMode, agentLabels, labels, maintenance,
                status, statusReason, enrolledAt, lastHeartbeatAt, tokenRevoked, updateError);
    }

    public Node withMaintenance(boolean on) {
        return new Node(id, environmentId, hostname, os, agentVersion, vectorVersion, deploymentMode, agentLabels, userLabels, on,
                status, statusReason, enrolledAt, lastHeartbeatAt, tokenRevoked, updateError);
    }
}
