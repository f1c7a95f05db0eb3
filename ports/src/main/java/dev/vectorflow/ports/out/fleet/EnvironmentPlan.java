package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.List;
import java.util.Map;

/** What every heartbeat of an environment's nodes needs: its deployed pipelines, and the names of all its pipelines. */
public record EnvironmentPlan(List<DesiredPipeline> deployed, Map<PipelineId, String> pipelineNames) {

    public EnvironmentPlan {
        deployed = List.copyOf(deployed);
        pipelineNames = Map.copyOf(pipelineNames);
    }
}
