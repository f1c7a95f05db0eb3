package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.in.node.SetNodeLabelsCommand;
import dev.vectorflow.ports.in.node.SetNodeLabelsUseCase;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;

/** Replaces the labels users set on a node; the node's desired state follows on every server. Audited. */
public final class SetNodeLabelsService implements SetNodeLabelsUseCase {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final FleetChanges changes;
    private final FleetAudit audit;

    public SetNodeLabelsService(Transactions transactions, NodeRepository nodes, FleetChanges changes, FleetAudit audit) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.changes = changes;
        this.audit = audit;
    }

    @Override
    public Node setNodeLabels(SetNodeLabelsCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, command.node());
            nodes.updateUserLabels(node.id(), command.labels());
            changes.nodeChanged(node.id());
            audit.node(command.actor(), "node.labels", node, Changes.none().field("userLabels", node.userLabels().toString(),
                    command.labels().toString()));
            return node.withUserLabels(command.labels());
        });
    }
}
