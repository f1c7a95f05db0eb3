package dev.vectorflow.adapter.http.deployment;

import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.ports.in.deployment.DeploymentQueries;
import dev.vectorflow.ports.in.node.NodeQueries.PipelineOnNode;
import dev.vectorflow.ports.in.telemetry.MetricsQueries.LiveCounters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
/** The JSON shapes of deployments, each mapped from the domain in one place. */
final class DeploymentResponses {

    private DeploymentResponses() {
    }

    /**
     * {@code environmentVariables}: what the deployed version needs in the environment of the nodes' agents;
     * {@code rolloutId}: the staged rollout the deploy started (absent for a deploy to every node at once).
     */
    record DeploymentResponse(String pipelineId, int version, Map<String, String> selector, Instant deployedAt, String deployedBy,
                              Integer matchedNodes, List<String> environmentVariables, String rolloutId) {
        static DeploymentResponse fromDomain(Deployment d, Integer matched, Set<String> variables, String rolloutId) {
            return new DeploymentResponse(d.pipelineId().toString(), d.version(), d.selector().required().values(), d.deployedAt(),
                    d.deployedBy(), matched, variables.stream().sorted().toList(), rolloutId);
        }
    }

    record NodeDeploymentResponse(String nodeId, String hostname, String nodeStatus, Integer desiredVersion, Integer reportedVersion,
                                  String status, Long uptimeSeconds, String error, boolean inSync, Double eventsInPerSec,
                                  Double eventsOutPerSec) {
        static NodeDeploymentResponse fromDomain(DeploymentQueries.NodeDeploymentState s) {
            var reported = s.reported();
            var live = reported.flatMap(PipelineOnNode::live);
            return new NodeDeploymentResponse(s.node().id().toString(), s.node().hostname(), s.node().status().name(),
                    s.desiredVersion().orElse(null), reported.map(PipelineOnNode::version).orElse(null),
                    reported.map(PipelineOnNode::status).orElse(s.desiredVersion().isPresent() ? "PENDING" : null),
                    reported.flatMap(PipelineOnNode::uptimeSeconds).orElse(null),
                    reported.map(PipelineOnNode::error).orElse(null), s.inSync(),
                    live.map(LiveCounters::eventsInPerSec).orElse(null), live.map(LiveCounters::eventsOutPerSec).orElse(null));
        }
    }

    record DeploymentStatusResponse(DeploymentResponse current, List<NodeDeploymentResponse> nodes) {
        static DeploymentStatusResponse fromDomain(DeploymentQueries.DeploymentStatus s) {
            return new DeploymentStatusResponse(s.current().map(d -> DeploymentResponse.fromDomain(d, null, s.environmentVariables(), null)).orElse(null),
                    s.nodes().stream().map(NodeDeploymentResponse::fromDomain).toList());
        }
    }
}
