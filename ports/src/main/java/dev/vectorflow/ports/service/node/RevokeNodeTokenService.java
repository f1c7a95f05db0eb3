package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.in.node.RevokeNodeTokenCommand;
import dev.vectorflow.ports.in.node.RevokeNodeTokenUseCase;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;

/** Revokes node tokens; every server's cache drops the credential, so the agent's next call gets 401. Audited. */
public final class RevokeNodeTokenService implements RevokeNodeTokenUseCase {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final FleetChanges changes;
    private final FleetAudit audit;

    public RevokeNodeTokenService(Transactions transactions, NodeRepository nodes, FleetChanges changes, FleetAudit audit) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.changes = changes;
        this.audit = audit;
    }

    @Override
    public void revokeNodeToken(RevokeNodeTokenCommand command) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Node node = Existing.node(nodes, command.node());
            nodes.revokeToken(node.id());
            changes.nodeChanged(node.id());
            audit.node(command.actor(), "node.revoke_token", node, Changes.none().field("tokenRevoked", node.tokenRevoked(), true));
            return null;
        });
    }
}
