package dev.vectorflow.ports.service.deployment;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.EnvironmentVariables;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.deployment.DeploymentQueries;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.node.PipelineOnNodeViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Answers where a pipeline is deployed and, node by node, whether what runs there is what should. */
public final class DeploymentQueryService implements DeploymentQueries {

    private final Transactions transactions;
    private final PipelineRepository pipelines;
    private final DeploymentRepository deployments;
    private final NodeRepository nodes;
    private final DesiredStates desiredStates;
    private final PipelineOnNodeViews views;

    public DeploymentQueryService(Transactions transactions, PipelineRepository pipelines, DeploymentRepository deployments, NodeRepository nodes,
                                  DesiredStates desiredStates, PipelineOnNodeViews views) {
        this.transactions = transactions;
        this.pipelines = pipelines;
        this.deployments = deployments;
        this.nodes = nodes;
        this.desiredStates = desiredStates;
        this.views = views;
    }

    @Override
    public DeploymentStatus deploymentStatus(PipelineId pipelineId) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Pipeline pipeline = Existing.pipeline(pipelines, pipelineId);
            Optional<Deployment> current = deployments.find(pipelineId);
            Map<PipelineId, String> names = Map.of(pipelineId, pipeline.name().value());
            Map<NodeId, StoredPipelineState> reported = new LinkedHashMap<>();
            for (StoredPipelineState state : views.statesOf(pipelineId)) {
                reported.put(state.nodeId(), state);
            }
            EnvironmentPlan plan = desiredStates.plan(pipeline.environmentId());
            List<NodeDeploymentState> states = new ArrayList<>();
            for (Node node : nodes.findByEnvironment(pipeline.environmentId())) {
                DesiredPipelines desired = plan.desiredFor(node.id(), node.labels(), node.maintenance());
                Optional<DesiredPipeline> target = Optional.ofNullable(desired.pipelines().get(pipelineId));
                boolean wanted = target.isPresent();
                StoredPipelineState state = reported.get(node.id());
                if (!wanted && state == null) {
                    continue;
                }
                boolean inSync = wanted ? state != null && desired.inSync(pipelineId, state.version(), state.checksum()) : state == null;
                states.add(new NodeDeploymentState(node, wanted ? target.map(DesiredPipeline::version) : Optional.empty(),
                        Optional.ofNullable(state).map(s -> views.onNode(s, names)), inSync));
            }
            Set<String> variables = current.flatMap(d -> pipelines.version(pipelineId, d.version()))
                    .map(v -> EnvironmentVariables.of(v.graph())).orElse(Set.of());
            return new DeploymentStatus(current, states, variables);
        });
    }

    @Override
    public Set<String> environmentVariables(PipelineId pipelineId, int version) throws NotFoundFailure {
        return transactions.inTransaction(() -> pipelines.version(pipelineId, version).map(v -> EnvironmentVariables.of(v.graph()))
                .orElseThrow(() -> new NotFoundFailure("Version", version)));
    }
}
