package dev.vectorflow.ports.service.release;

import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.in.release.UpdateEnvironmentAgentsCommand;
import dev.vectorflow.ports.in.release.UpdateEnvironmentAgentsUseCase;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;

/** Queues an {@code update} action for every node of an environment the selector matches that runs another release. Audited once. */
public final class UpdateEnvironmentAgentsService implements UpdateEnvironmentAgentsUseCase {

    private final Transactions transactions;
    private final AgentReleaseRepository releases;
    private final NodeRepository nodes;
    private final OneShotQueue oneShots;
    private final FleetAudit audit;

    public UpdateEnvironmentAgentsService(Transactions transactions, AgentReleaseRepository releases, NodeRepository nodes, OneShotQueue oneShots,
                                          FleetAudit audit) {
        this.transactions = transactions;
        this.releases = releases;
        this.nodes = nodes;
        this.oneShots = oneShots;
        this.audit = audit;
    }

    @Override
    public int updateEnvironmentAgents(UpdateEnvironmentAgentsCommand command) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(command.environment());
            AgentRelease release = AgentReleases.existing(releases, command.version());
            int count = 0;
            for (Node node : nodes.findByEnvironment(command.environment())) {
                if (command.selector().matches(node.labels()) && !node.agentVersion().equals(release.version())) {
                    oneShots.queue(command.actor(), node.id(), id -> AgentReleases.updateTo(id, release));
                    count++;
                }
            }
            audit.record(command.actor(), "environment.update_agents", "environment", command.environment().toString(), command.environment(),
                    Changes.none().field("agentVersion", null, release.version()).field("selector", null, command.selector().toString())
                            .field("nodes", null, count));
            return count;
        });
    }
}
