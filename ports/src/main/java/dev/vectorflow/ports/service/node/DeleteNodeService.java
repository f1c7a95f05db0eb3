package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.in.node.DeleteNodeCommand;
import dev.vectorflow.ports.in.node.DeleteNodeUseCase;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;

/** Deletes nodes with their history; this server also forgets what it kept in memory about them. Audited. */
public final class DeleteNodeService implements DeleteNodeUseCase {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final FleetChanges changes;
    private final FleetAudit audit;
    private final HeartbeatWrites heartbeats;
    private final LiveTelemetry live;

    public DeleteNodeService(Transactions transactions, NodeRepository nodes, FleetChanges changes, FleetAudit audit, HeartbeatWrites heartbeats,
                             LiveTelemetry live) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.changes = changes;
        this.audit = audit;
        this.heartbeats = heartbeats;
        this.live = live;
    }

    @Override
    public void deleteNode(DeleteNodeCommand command) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, command.node());
            nodes.delete(node.id());
            changes.nodeChanged(node.id());
            audit.node(command.actor(), "node.delete", node, Changes.none().field("environment", node.environmentId().toString(), null));
            return null;
        });
        heartbeats.forget(command.node());
        live.forget(command.node());
    }
}
