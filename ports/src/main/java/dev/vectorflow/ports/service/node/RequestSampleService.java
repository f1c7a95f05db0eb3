package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.in.node.RequestSampleCommand;
import dev.vectorflow.ports.in.node.RequestSampleUseCase;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;

/** Queues a sample of some components of a pipeline of the node's environment; the results arrive under the request id. Audited. */
public final class RequestSampleService implements RequestSampleUseCase {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final PipelineRepository pipelines;
    private final OneShotQueue oneShots;
    private final FleetAudit audit;

    public RequestSampleService(Transactions transactions, NodeRepository nodes, PipelineRepository pipelines, OneShotQueue oneShots,
                                FleetAudit audit) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.pipelines = pipelines;
        this.oneShots = oneShots;
        this.audit = audit;
    }

    @Override
    public String requestSample(RequestSampleCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, command.node());
            Existing.pipelineOf(pipelines, node, command.pipeline());
            String requestId = oneShots.newId();
            oneShots.queue(command.actor(), node.id(), id -> new OneShotAction.Sample(id, requestId, command.pipeline(), command.componentKeys(),
                    command.limit()));
            audit.node(command.actor(), "node.sample", node, Changes.none().field("pipeline", null, command.pipeline().toString())
                    .field("components", null, String.join(",", command.componentKeys())));
            return requestId;
        });
    }
}
