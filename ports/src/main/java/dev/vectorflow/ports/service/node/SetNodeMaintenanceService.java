package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.in.node.SetNodeMaintenanceCommand;
import dev.vectorflow.ports.in.node.SetNodeMaintenanceUseCase;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;

/** Puts nodes in maintenance and takes them out; a command that changes nothing leaves the node (and the audit log) alone. */
public final class SetNodeMaintenanceService implements SetNodeMaintenanceUseCase {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final FleetChanges changes;
    private final FleetAudit audit;

    public SetNodeMaintenanceService(Transactions transactions, NodeRepository nodes, FleetChanges changes, FleetAudit audit) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.changes = changes;
        this.audit = audit;
    }

    @Override
    public Node setNodeMaintenance(SetNodeMaintenanceCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, command.node());
            if (node.maintenance() != command.on()) {
                nodes.updateMaintenance(node.id(), command.on());
                changes.nodeChanged(node.id());
                audit.node(command.actor(), "node.maintenance", node, Changes.none().field("maintenance", node.maintenance(), command.on()));
            }
            return node.withMaintenance(command.on());
        });
    }
}
