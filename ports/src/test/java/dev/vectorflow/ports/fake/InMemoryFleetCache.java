package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Fake of {@link FleetCache} over plain maps, without a size bound or expiry; counts the loads it made. */
public final class InMemoryFleetCache implements FleetCache {

    private final Map<String, Optional<NodeCredential>> credentials = new HashMap<>();
    private final Map<NodeId, Optional<Node>> nodes = new HashMap<>();
    private final Map<EnvironmentId, EnvironmentPlan> plans = new HashMap<>();
    private final Map<NodeId, List<OneShotAction>> actions = new HashMap<>();
    private final Map<NodeId, String> lookupOfNode = new HashMap<>();
    private int loads;

    /** How many times a loader ran (a miss). */
    public int loads() {
        return loads;
    }

    private <K, V> V get(Map<K, V> map, K key, Function<K, V> loader) {
        V value = map.get(key);
        if (value == null) {
            loads++;
            value = loader.apply(key);
            map.put(key, value);
        }
        return value;
    }

    @Override
    public Optional<NodeCredential> credential(String tokenLookup, Function<String, Optional<NodeCredential>> loader) {
        Optional<NodeCredential> credential = get(credentials, tokenLookup, loader);
        credential.ifPresent(c -> lookupOfNode.put(c.nodeId(), tokenLookup));
        return credential;
    }

    @Override
    public Optional<Node> node(NodeId id, Function<NodeId, Optional<Node>> loader) {
        return get(nodes, id, loader);
    }

    @Override
    public EnvironmentPlan plan(EnvironmentId environment, Function<EnvironmentId, EnvironmentPlan> loader) {
        return get(plans, environment, loader);
    }

    @Override
    public List<OneShotAction> oneShotActions(NodeId node, Function<NodeId, List<OneShotAction>> loader) {
        return get(actions, node, loader);
    }

    @Override
    public void putCredential(NodeCredential credential) {
        credentials.put(credential.tokenLookup(), Optional.of(credential));
        lookupOfNode.put(credential.nodeId(), credential.tokenLookup());
    }

    @Override
    public void putOneShotActions(NodeId node, List<OneShotAction> pending) {
        actions.put(node, List.copyOf(pending));
    }

    @Override
    public void putNode(Node node) {
        nodes.put(node.id(), Optional.of(node));
    }

    @Override
    public void forgetEnvironment(EnvironmentId environment) {
        plans.remove(environment);
    }

    @Override
    public void forgetNode(NodeId node) {
        nodes.remove(node);
        actions.remove(node);
        String lookup = lookupOfNode.remove(node);
        if (lookup != null) {
            credentials.remove(lookup);
        }
    }

    @Override
    public void forgetAll() {
        credentials.clear();
        nodes.clear();
        plans.clear();
        actions.clear();
        lookupOfNode.clear();
    }
}
