package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.node.NodeRepository;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Driven port: what every heartbeat needs, kept in memory and dropped when {@link FleetChanges} says it changed (on
 * this server or another one). Loaders run on a miss.
 */
public interface FleetCache {

    Optional<NodeRepository.NodeCredential> credential(String tokenLookup, Function<String, Optional<NodeRepository.NodeCredential>> loader);

    Optional<Node> node(NodeId id, Function<NodeId, Optional<Node>> loader);

    EnvironmentPlan plan(EnvironmentId environment, Function<EnvironmentId, EnvironmentPlan> loader);

    List<OneShotAction> oneShotActions(NodeId node, Function<NodeId, List<OneShotAction>> loader);

    /** Fills the cache at start (so that the first heartbeat of every node finds what it needs). */
    void putCredential(NodeRepository.NodeCredential credential);

    void putOneShotActions(NodeId node, List<OneShotAction> actions);

    /** Replaces the cached node (the heartbeat path updates what its agent reported). */
    void putNode(Node node);

    void forgetEnvironment(EnvironmentId environment);

    void forgetNode(NodeId node);

    /** Drops everything (e.g. after the change feed reconnected and may have missed notices). */
    void forgetAll();
}
