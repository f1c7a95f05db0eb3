package dev.vectorflow.ports.service.enrollment;

import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.NodeToken;
import dev.vectorflow.ports.in.enrollment.EnrollNodeCommand;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.system.RandomTokens;
import java.time.Instant;
import java.util.Optional;

/** Stores the node an enrollment makes, or gives the node a re-enrollment token names a new node token; mints that token. */
public final class NodeRegistration {

    private final NodeRepository nodes;
    private final FleetChanges changes;
    private final IdGenerator ids;
    private final RandomTokens random;

    public NodeRegistration(NodeRepository nodes, FleetChanges changes, IdGenerator ids, RandomTokens random) {
        this.nodes = nodes;
        this.changes = changes;
        this.ids = ids;
        this.random = random;
    }

    /**
     * The node and its new token, and the audit action it was ({@code node.enroll} or {@code node.reenroll}); for a new
     * node, the node and its credential as stored (to be cached once committed).
     */
    record Registered(NodeId nodeId, NodeToken token, String action, Optional<Created> created) {
    }

    /** A new node and its credential, as stored. */
    record Created(Node node, NodeCredential credential) {
    }

    Registered register(EnrollmentToken token, EnrollNodeCommand command, Instant now) throws RejectedCredentialsFailure {
        NodeToken nodeToken = new NodeToken(random.hex(8), random.hex(32));
        // the token's labels are the admin's choice: they count as user-set labels and win over the agent's
        if (token.reenrollNode().isPresent()) {
            NodeId nodeId = token.reenrollNode().get();
            if (nodes.findById(nodeId).isEmpty()) {
                throw new RejectedCredentialsFailure("The node this token re-enrolls was deleted.");
            }
            nodes.replaceToken(nodeId, nodeToken.lookupId(), nodeToken.secretHash(), command.labels(), command.hostname(), command.os(),
                    command.agentVersion(), command.vectorVersion(), now);
            changes.nodeChanged(nodeId);
            return new Registered(nodeId, nodeToken, "node.reenroll", Optional.empty());
        }
        NodeId nodeId = new NodeId(ids.newId());
        Node node = new Node(nodeId, token.environmentId(), command.hostname(), command.os(), command.agentVersion(), command.vectorVersion(),
                "UNKNOWN", command.labels(), token.labels(), false, NodeStatus.HEALTHY, "enrolled", now, Optional.of(now), false, "");
        nodes.insert(node, nodeToken.lookupId(), nodeToken.secretHash());
        return new Registered(nodeId, nodeToken, "node.enroll", Optional.of(new Created(node,
                new NodeCredential(nodeId, token.environmentId(), nodeToken.lookupId(), nodeToken.secretHash(), false))));
    }
}
