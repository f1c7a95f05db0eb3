package dev.vectorflow.ports.service.release;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.in.release.UpdateNodeAgentCommand;
import dev.vectorflow.ports.in.release.UpdateNodeAgentUseCase;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;

/** Queues an {@code update} action of one node to a registered release. Audited. */
public final class UpdateNodeAgentService implements UpdateNodeAgentUseCase {

    private final Transactions transactions;
    private final AgentReleaseRepository releases;
    private final NodeRepository nodes;
    private final OneShotQueue oneShots;
    private final FleetAudit audit;

    public UpdateNodeAgentService(Transactions transactions, AgentReleaseRepository releases, NodeRepository nodes, OneShotQueue oneShots,
                                  FleetAudit audit) {
        this.transactions = transactions;
        this.releases = releases;
        this.nodes = nodes;
        this.oneShots = oneShots;
        this.audit = audit;
    }

    @Override
    public String updateNodeAgent(UpdateNodeAgentCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            AgentRelease release = AgentReleases.existing(releases, command.version());
            Node node = Existing.node(nodes, command.node());
            String action = oneShots.queue(command.actor(), node.id(), id -> AgentReleases.updateTo(id, release));
            audit.record(command.actor(), "node.update_agent", "node", node.id().toString(), node.environmentId(),
                    Changes.none().field("agentVersion", node.agentVersion(), release.version()));
            return action;
        });
    }
}
