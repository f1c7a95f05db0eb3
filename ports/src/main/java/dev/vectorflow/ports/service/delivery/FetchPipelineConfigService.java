package dev.vectorflow.ports.service.delivery;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.delivery.FetchPipelineConfigUseCase;
import dev.vectorflow.ports.in.delivery.PipelineConfigQuery;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import java.util.Map;

/** Delivers one pipeline's config to a node that should run it, and only the version it should run. */
public final class FetchPipelineConfigService implements FetchPipelineConfigUseCase {

    private final NodeDirectory nodes;
    private final DesiredStates desiredStates;

    public FetchPipelineConfigService(NodeDirectory nodes, DesiredStates desiredStates) {
        this.nodes = nodes;
        this.desiredStates = desiredStates;
    }

    @Override
    public DeliveredConfig fetchPipelineConfig(PipelineConfigQuery query) throws NotFoundFailure {
        DesiredPipelines desired = nodes.node(query.agent().nodeId()).map(desiredStates::forNode).orElse(new DesiredPipelines(Map.of()));
        DesiredPipeline target = desired.pipelines().get(query.pipelineId());
        if (target == null || query.version().isPresent() && query.version().get() != target.version()) {
            throw new NotFoundFailure("Pipeline deployment for this node", query.pipelineId() + query.version().map(v -> " v" + v).orElse(""));
        }
        return desiredStates.deliver(query.agent().environmentId(), target);
    }
}
