package dev.vectorflow.ports.service.delivery;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.delivery.DesiredConfigs;
import dev.vectorflow.ports.in.delivery.FetchDesiredStateUseCase;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Delivers every pipeline a node should run, ordered by name. */
public final class FetchDesiredStateService implements FetchDesiredStateUseCase {

    private final NodeDirectory nodes;
    private final DesiredStates desiredStates;
    private final FleetTuning settings;

    public FetchDesiredStateService(NodeDirectory nodes, DesiredStates desiredStates, FleetTuning settings) {
        this.nodes = nodes;
        this.desiredStates = desiredStates;
        this.settings = settings;
    }

    @Override
    public DesiredConfigs fetchDesiredState(AgentIdentity agent) {
        List<DeliveredConfig> configs = new ArrayList<>();
        List<DesiredPipeline> targets = nodes.node(agent.nodeId())
                .map(node -> List.copyOf(desiredStates.forNode(node).pipelines().values())).orElse(List.of());
        for (DesiredPipeline target : targets) {
            try {
                configs.add(desiredStates.deliver(agent.environmentId(), target));
            } catch (NotFoundFailure gone) {
                // undeployed or deleted while we read: not part of the desired state any more
            }
        }
        configs.sort(Comparator.comparing(DeliveredConfig::pipelineName));
        return new DesiredConfigs(configs, settings.pollInterval());
    }
}
