package dev.vectorflow.adapter.postgres.fleet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link FleetCache} on Caffeine. Entries are dropped by change notices ({@link PostgresFleetChanges}); a bounded
 * lifetime is the safety net should a notice ever be missed.
 */
public final class CaffeineFleetCache implements FleetCache {

    private final Cache<String, Optional<NodeCredential>> credentials;
    private final Cache<NodeId, Optional<Node>> nodes;
    private final Cache<EnvironmentId, EnvironmentPlan> plans;
    private final Cache<NodeId, List<OneShotAction>> actions;
    private final ConcurrentHashMap<NodeId, String> lookupOfNode = new ConcurrentHashMap<>();

    public CaffeineFleetCache(int maximumNodes, Duration safetyNet) {
        this.credentials = Caffeine.newBuilder().maximumSize(maximumNodes).expireAfterWrite(safetyNet).build();
        this.nodes = Caffeine.newBuilder().maximumSize(maximumNodes).expireAfterWrite(safetyNet).build();
        this.plans = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(safetyNet).build();
        this.actions = Caffeine.newBuilder().maximumSize(maximumNodes).expireAfterWrite(safetyNet).build();
    }

    @Override
    public Optional<NodeCredential> credential(String tokenLookup, Function<String, Optional<NodeCredential>> loader) {
        Optional<NodeCredential> credential = credentials.get(tokenLookup, loader);
        credential.ifPresent(c -> lookupOfNode.put(c.nodeId(), tokenLookup));
        return credential;
    }

    @Override
    public Optional<Node> node(NodeId id, Function<NodeId, Optional<Node>> loader) {
        return nodes.get(id, loader);
    }

    @Override
    public EnvironmentPlan plan(EnvironmentId environment, Function<EnvironmentId, EnvironmentPlan> loader) {
        return plans.get(environment, loader);
    }

    @Override
    public List<OneShotAction> oneShotActions(NodeId node, Function<NodeId, List<OneShotAction>> loader) {
        return actions.get(node, loader);
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
        plans.invalidate(environment);
    }

    @Override
    public void forgetNode(NodeId node) {
        nodes.invalidate(node);
        actions.invalidate(node);
        String lookup = lookupOfNode.remove(node);
        if (lookup != null) {
            credentials.invalidate(lookup);
        }
    }

    @Override
    public void forgetAll() {
        credentials.invalidateAll();
        nodes.invalidateAll();
        plans.invalidateAll();
        actions.invalidateAll();
        lookupOfNode.clear();
    }
}
