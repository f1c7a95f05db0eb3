package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.node.NodeQueries.PipelineOnNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads of deployments: where a pipeline is deployed and how each node is doing with it. */
public interface DeploymentQueries {

    /** One node's view of a deployment. */
    record NodeDeploymentState(Node node, Optional<Integer> desiredVersion, Optional<PipelineOnNode> reported, boolean inSync) {
    }

    /**
     * The deployment of a pipeline, each node's view of it, and the environment variables the deployed version
     * needs on the nodes (its agent runs Vector with interpolation for it; empty when it needs none).
     */
    record DeploymentStatus(Optional<Deployment> current, List<NodeDeploymentState> nodes, Set<String> environmentVariables) {
        public DeploymentStatus {
            environmentVariables = Set.copyOf(environmentVariables);
        }
    }

    DeploymentStatus deploymentStatus(PipelineId pipeline) throws NotFoundFailure;

    /** The environment variables version {@code version} of a pipeline needs on the nodes that run it (empty for none). */
    Set<String> environmentVariables(PipelineId pipeline, int version) throws NotFoundFailure;
}
