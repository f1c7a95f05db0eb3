package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.node.NodeQueries;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.node.NodeListing;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers the node queries from the repositories, with the live figures this server keeps in memory. */
public final class NodeQueryService implements NodeQueries {

    /** Most one-shot actions a node's action list shows. */
    static final int MAX_ACTIONS_LISTED = 100;
    static final int TRANSITIONS_LISTED = 50;

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final EnvironmentRepository environments;
    private final NodeActionRepository actions;
    private final DesiredStates desiredStates;
    private final PipelineOnNodeViews views;
    private final LiveTelemetry live;

    public NodeQueryService(Transactions transactions, NodeRepository nodes, EnvironmentRepository environments, NodeActionRepository actions,
                            DesiredStates desiredStates, PipelineOnNodeViews views, LiveTelemetry live) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.environments = environments;
        this.actions = actions;
        this.desiredStates = desiredStates;
        this.views = views;
        this.live = live;
    }

    private void requireEnvironment(EnvironmentId id) throws NotFoundFailure {
        environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    @Override
    public NodePage nodes(EnvironmentId environment, NodeListing.Request request) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            requireEnvironment(environment);
            Map<PipelineId, String> names = desiredStates.plan(environment).pipelineNames();
            NodeListing.Page page = nodes.page(environment, request);
            return new NodePage(views.views(page.nodes(), names), page.next(), page.total());
        });
    }

    @Override
    public NodeDetail node(NodeId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, id);
            Map<PipelineId, String> names = desiredStates.plan(node.environmentId()).pipelineNames();
            return new NodeDetail(views.view(node, names), nodes.transitions(id, TRANSITIONS_LISTED), live.host(id));
        });
    }

    @Override
    public Optional<EnvironmentId> environmentOf(NodeId id) {
        return transactions.inTransaction(() -> nodes.findById(id).map(Node::environmentId));
    }

    @Override
    public NodeListing.Page matching(EnvironmentId environment, NodeSelector selector, int limit) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            requireEnvironment(environment);
            return nodes.matching(environment, selector, limit);
        });
    }

    @Override
    public List<StoredAction> actions(NodeId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Existing.node(nodes, id);
            return actions.recent(id, MAX_ACTIONS_LISTED);
        });
    }
}
