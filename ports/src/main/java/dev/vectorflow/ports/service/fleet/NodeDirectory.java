package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.List;
import java.util.Optional;

/** The enrolled nodes as the agent API sees them: from the fleet cache, read from the repository on a miss. */
public final class NodeDirectory {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final FleetCache cache;

    public NodeDirectory(Transactions transactions, NodeRepository nodes, FleetCache cache) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.cache = cache;
    }

    /** The credential whose token has this lookup id, if any. */
    public Optional<NodeCredential> credential(String tokenLookup) {
        return cache.credential(tokenLookup, lookup -> transactions.inTransaction(() -> nodes.credentialByLookup(lookup)));
    }

    /**
     * A node just enrolled (committed): its credential, the node and its (no) pending actions go into the cache, so that
     * its first heartbeat finds them there instead of reading the database three times — after a mass enrolment every
     * first heartbeat of the fleet falls within one poll interval.
     */
    public void enrolled(Node node, NodeCredential credential) {
        cache.putCredential(credential);
        cache.putNode(node);
        cache.putOneShotActions(node.id(), List.of());
    }

    public Optional<Node> node(NodeId id) {
        return cache.node(id, n -> transactions.inTransaction(() -> nodes.findById(n)));
    }

    /**
     * The node with the labels its agent reported now; the cache keeps them (the heartbeat writer stores them). No labels
     * sent means the node keeps the ones it had.
     */
    public Node withReportedLabels(Node node, Labels reported) {
        if (reported.isEmpty() || reported.equals(node.agentLabels())) {
            return node;
        }
        Node changed = new Node(node.id(), node.environmentId(), node.hostname(), node.os(), node.agentVersion(), node.vectorVersion(),
                node.deploymentMode(), reported, node.userLabels(), node.maintenance(), node.status(), node.statusReason(),
                node.enrolledAt(), node.lastHeartbeatAt(), node.tokenRevoked(), node.updateError());
        cache.putNode(changed);
        return changed;
    }
}
