package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.in.node.RestartPipelineCommand;
import dev.vectorflow.ports.in.node.RestartPipelineUseCase;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;

/** Queues the restart of one pipeline of the node's environment on the node. Audited. */
public final class RestartPipelineService implements RestartPipelineUseCase {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final PipelineRepository pipelines;
    private final OneShotQueue oneShots;
    private final FleetAudit audit;

    public RestartPipelineService(Transactions transactions, NodeRepository nodes, PipelineRepository pipelines, OneShotQueue oneShots,
                                  FleetAudit audit) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.pipelines = pipelines;
        this.oneShots = oneShots;
        this.audit = audit;
    }

    @Override
    public String restartPipeline(RestartPipelineCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, command.node());
            Existing.pipelineOf(pipelines, node, command.pipeline());
            String actionId = oneShots.queue(command.actor(), node.id(), id -> new OneShotAction.Restart(id, command.pipeline()));
            audit.node(command.actor(), "node.restart_pipeline", node, Changes.none().field("pipeline", null, command.pipeline().toString()));
            return actionId;
        });
    }
}
