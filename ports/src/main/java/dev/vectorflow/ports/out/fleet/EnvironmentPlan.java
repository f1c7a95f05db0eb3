package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.StagedPipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.List;
import java.util.Map;

/**
 * What every heartbeat of an environment's nodes needs: its deployed pipelines, the names of all its pipelines, and for
 * the pipelines in a staged rollout which nodes get the deployed version and what the others keep.
 */
public record EnvironmentPlan(List<DesiredPipeline> deployed, Map<PipelineId, String> pipelineNames, Map<PipelineId, StagedPipeline> staged) {

    public EnvironmentPlan {
        deployed = List.copyOf(deployed);
        pipelineNames = Map.copyOf(pipelineNames);
        staged = Map.copyOf(staged);
    }

    public EnvironmentPlan(List<DesiredPipeline> deployed, Map<PipelineId, String> pipelineNames) {
        this(deployed, pipelineNames, Map.of());
    }

    /** What one node of the environment should run. */
    public DesiredPipelines desiredFor(NodeId node, Labels labels, boolean maintenance) {
        return DesiredPipelines.forNode(node, labels, maintenance, deployed, staged);
    }
}
