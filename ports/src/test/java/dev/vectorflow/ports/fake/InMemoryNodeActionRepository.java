package dev.vectorflow.ports.fake;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import java.time.Instant;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Fake of {@link NodeActionRepository} over a list; {@link #settle} stands in for the heartbeat writer. */
public final class InMemoryNodeActionRepository implements NodeActionRepository, InMemoryTransactions.Participant {

    private record Row(NodeId node, StoredAction stored) {
    }

    private List<Row> rows = new ArrayList<>();

    @Override
    public void insert(NodeId node, OneShotAction action, Instant createdAt, String createdBy) {
        rows.add(new Row(node, new StoredAction(action, createdAt, createdBy, Optional.empty(), Optional.empty(), "")));
    }

    /** Settles an action as the heartbeat writer would. */
    public void settle(String actionId, Instant at, String status, String message) {
        rows.replaceAll(r -> r.stored().action().id().equals(actionId) && r.stored().settledAt().isEmpty()
                ? new Row(r.node(), new StoredAction(r.stored().action(), r.stored().createdAt(), r.stored().createdBy(), Optional.of(at),
                Optional.of(status), message))
                : r);
    }

    /** Settles the node's pending actions that {@code which} accepts, as the heartbeat writer would. */
    /** The pipeline a sample request (of any node) was for. */
    public Optional<PipelineId> pipelineOfRequest(String requestId) {
        return rows.stream().map(r -> r.stored().action()).filter(a -> a instanceof OneShotAction.Sample s && s.requestId().equals(requestId))
                .map(a -> ((OneShotAction.Sample) a).pipelineId()).findFirst();
    }

    public void settleWhere(NodeId node, Predicate<OneShotAction> which, Instant at, String status, String message) {
        rows.replaceAll(r -> r.node().equals(node) && which.test(r.stored().action()) && r.stored().settledAt().isEmpty()
                ? new Row(r.node(), new StoredAction(r.stored().action(), r.stored().createdAt(), r.stored().createdBy(), Optional.of(at),
                Optional.of(status), message))
                : r);
    }

    /** Every action of the node, pending and settled, in no particular order (the fleet overview counts them). */
    public List<StoredAction> all(NodeId node) {
        return rows.stream().filter(r -> r.node().equals(node)).map(Row::stored).toList();
    }

    @Override
    public Map<NodeId, List<OneShotAction>> allPending() {
        Map<NodeId, List<OneShotAction>> pending = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.stored().settledAt().isEmpty()) {
                pending.computeIfAbsent(r.node(), n -> new ArrayList<>()).add(r.stored().action());
            }
        }
        return pending;
    }

    @Override
    public List<OneShotAction> pending(NodeId node) {
        return rows.stream().filter(r -> r.node().equals(node) && r.stored().settledAt().isEmpty()).map(r -> r.stored().action()).toList();
    }

    @Override
    public boolean exists(NodeId node, String requestId) {
        return rows.stream().anyMatch(r -> r.node().equals(node) && r.stored().action() instanceof OneShotAction.Sample s
                && s.requestId().equals(requestId));
    }

    @Override
    public List<StoredAction> recent(NodeId node, int limit) {
        return rows.stream().filter(r -> r.node().equals(node)).map(Row::stored)
                .sorted(Comparator.comparing(StoredAction::createdAt).thenComparing(a -> a.action().id()).reversed()).limit(limit).toList();
    }

    /** Forgets actions settled before {@code before} (retention); returns how many. */
    public int deleteSettledBefore(Instant before) {
        int count = rows.size();
        rows.removeIf(r -> r.stored().settledAt().filter(at -> at.isBefore(before)).isPresent());
        return count - rows.size();
    }

    /** Deletes a node's actions (the database cascades a node's deletion). */
    public void deleteNode(NodeId node) {
        rows.removeIf(r -> r.node().equals(node));
    }

    @Override
    public Object snapshot() {
        return new ArrayList<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        rows = new ArrayList<>((List<Row>) snapshot);
    }
}
