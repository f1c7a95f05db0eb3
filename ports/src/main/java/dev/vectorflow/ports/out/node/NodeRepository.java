package dev.vectorflow.ports.out.node;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Driven port: enrolled nodes, their credentials and their status history. */
public interface NodeRepository {

    /** The credential part of a node: what authenticating a heartbeat needs. */
    record NodeCredential(NodeId nodeId, EnvironmentId environmentId, String tokenLookup, String tokenHash, boolean revoked) {
    }

    /** A status change and why. */
    record StatusTransition(NodeId nodeId, NodeStatus from, NodeStatus to, String reason, Instant at) {
    }

    /** Stores a new node; its agent version starts its version history. */
    void insert(Node node, String tokenLookup, String tokenHash);

    Optional<Node> findById(NodeId id);

    Optional<NodeCredential> credentialByLookup(String tokenLookup);

    /** Every node's credential (cache warm-up at start). */
    List<NodeCredential> allCredentials();

    /** The environment's nodes, ordered by hostname. */
    List<Node> findByEnvironment(EnvironmentId environment);

    /** One page of the environment's nodes matching the filter, in the order asked, with the count of all that match. */
    NodeListing.Page page(EnvironmentId environment, NodeListing.Request request);

    /** How many nodes of the environment not in maintenance the selector matches, and the first {@code limit} of them by hostname. */
    NodeListing.Page matching(EnvironmentId environment, dev.vectorflow.core.fleet.NodeSelector selector, int limit);

    /** Every node's labels and maintenance flag in the environment (desired-state previews). */
    List<Node> findAll();

    void updateUserLabels(NodeId id, Labels labels);

    void updateMaintenance(NodeId id, boolean maintenance);

    /** Replaces the node's token (re-enrollment), which also un-revokes it; a different agent version joins its history at {@code at}. */
    void replaceToken(NodeId id, String tokenLookup, String tokenHash, Labels agentLabels, String hostname, String os,
                      String agentVersion, String vectorVersion, Instant at);

    void revokeToken(NodeId id);

    boolean delete(NodeId id);

    void recordTransition(StatusTransition transition);

    /**
     * Sets the status of at most {@code limit} nodes that sent nothing since {@code silentSince} (rows another transaction
     * holds are skipped); returns the transitions made.
     */
    List<StatusTransition> markUnreachable(Instant silentSince, Instant now, String reason, int limit);

    /** The node's status transitions, newest first. */
    List<StatusTransition> transitions(NodeId id, int limit);
}
