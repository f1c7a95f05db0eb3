package dev.vectorflow.ports.service.release;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.in.release.AgentReleaseQueries;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.VersionChange;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.Existing;
import java.util.List;

/** Lists agent releases and a node's agent version history. */
public final class AgentReleaseQueryService implements AgentReleaseQueries {

    static final int HISTORY_LISTED = 100;

    private final Transactions transactions;
    private final AgentReleaseRepository releases;
    private final NodeRepository nodes;
    private final FleetOverviewRepository overview;

    public AgentReleaseQueryService(Transactions transactions, AgentReleaseRepository releases, NodeRepository nodes,
                                    FleetOverviewRepository overview) {
        this.transactions = transactions;
        this.releases = releases;
        this.nodes = nodes;
        this.overview = overview;
    }

    @Override
    public List<AgentRelease> agentReleases() {
        return transactions.inTransaction(releases::findAll);
    }

    @Override
    public List<VersionChange> agentVersionHistory(NodeId node) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Existing.node(nodes, node);
            return overview.agentVersions(node, HISTORY_LISTED);
        });
    }
}
