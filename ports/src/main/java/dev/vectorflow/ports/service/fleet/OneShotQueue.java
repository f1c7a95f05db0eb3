package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.system.IdGenerator;
import java.time.Clock;
import java.util.function.Function;

/** Stores one-shot actions for a node's agent and tells every server's cache (inside the caller's unit of work). */
public final class OneShotQueue {

    private final NodeActionRepository actions;
    private final FleetChanges changes;
    private final IdGenerator ids;
    private final Clock clock;

    public OneShotQueue(NodeActionRepository actions, FleetChanges changes, IdGenerator ids, Clock clock) {
        this.actions = actions;
        this.changes = changes;
        this.ids = ids;
        this.clock = clock;
    }

    /** A fresh id (of an action, or of a sample request). */
    public String newId() {
        return ids.newId().toString();
    }

    /** Queues the action {@code withId} makes from a fresh id; returns that id. */
    public String queue(Actor actor, NodeId node, Function<String, OneShotAction> withId) {
        OneShotAction action = withId.apply(newId());
        actions.insert(node, action, clock.instant(), actor.label());
        changes.nodeChanged(node);
        return action.id();
    }
}
