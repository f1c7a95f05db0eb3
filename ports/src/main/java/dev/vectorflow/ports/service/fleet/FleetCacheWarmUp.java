package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.List;
import java.util.Map;

/** Fills the fleet cache with every node at start, so that a restarted server does not meet its fleet cold. */
public final class FleetCacheWarmUp {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final NodeActionRepository actions;
    private final FleetCache cache;

    public FleetCacheWarmUp(Transactions transactions, NodeRepository nodes, NodeActionRepository actions, FleetCache cache) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.actions = actions;
        this.cache = cache;
    }

    /** Loads nodes, credentials and pending one-shot actions; returns how many nodes. */
    public int warmUp() {
        return transactions.inTransaction(() -> {
            List<Node> all = nodes.findAll();
            all.forEach(cache::putNode);
            nodes.allCredentials().forEach(cache::putCredential);
            Map<NodeId, List<OneShotAction>> pending = actions.allPending();
            all.forEach(n -> cache.putOneShotActions(n.id(), pending.getOrDefault(n.id(), List.of())));
            return all.size();
        });
    }
}
