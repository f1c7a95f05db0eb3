package dev.vectorflow.ports.out.node;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Driven port: one-shot actions (restart, sample, update) that stay pending until the agent settles them. */
public interface NodeActionRepository {

    void insert(NodeId node, OneShotAction action, Instant createdAt, String createdBy);

    /** Pending actions of every node (loaded once at start, kept current through change notices). */
    Map<NodeId, List<OneShotAction>> allPending();

    List<OneShotAction> pending(NodeId node);

    /** True when the node ever had a sample request with this id. */
    boolean exists(NodeId node, String requestId);

    /** The node's most recent one-shot actions, pending and settled, newest first. */
    List<StoredAction> recent(NodeId node, int limit);

    /**
     * A one-shot action as stored: what was asked, by whom and when, and how the agent settled it ({@code resultStatus}
     * {@code SUCCEEDED} or {@code FAILED}, empty while pending).
     */
    record StoredAction(OneShotAction action, Instant createdAt, String createdBy, Optional<Instant> settledAt,
                        Optional<String> resultStatus, String resultMessage) {
    }
}
