package dev.vectorflow.adapter.postgres.fleet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * {@link FleetCache}: the per-node answers (credential, node, pending actions) in {@link QuietEntries}, whose hits write
 * nothing, the per-environment plans in Caffeine. Entries are dropped by change notices ({@link PostgresFleetChanges}); a bounded
 * lifetime is the safety net should a notice ever be missed. Each entry lives a random time between half that lifetime
 * and all of it: the entries of a whole fleet are loaded within one poll interval (the warm-up at start, the first
 * heartbeats after an enrolment or a dropped cache), and a fixed lifetime made them all expire again within one poll
 * interval, when every heartbeat went to the database three times at once (measured at 100,000 agents: 6,700 → 2,100
 * heartbeats/s for 45 s, ten minutes after the first heartbeats).
 */
public final class CaffeineFleetCache implements FleetCache {

    private final QuietEntries<String, Optional<NodeCredential>> credentials;
    private final QuietEntries<NodeId, Optional<Node>> nodes;
    private final Cache<EnvironmentId, EnvironmentPlan> plans;
    private final QuietEntries<NodeId, List<OneShotAction>> actions;
    private final ConcurrentHashMap<NodeId, String> lookupOfNode = new ConcurrentHashMap<>();

    /** Entries live between half of {@code safetyNet} and all of it, unless a change notice drops them sooner. */
    public CaffeineFleetCache(int maximumNodes, Duration safetyNet) {
        this(maximumNodes, safetyNet, Ticker.systemTicker(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** As above, with the clock and the random numbers in [0, 1) the lifetimes are drawn from given (tests). */
    CaffeineFleetCache(int maximumNodes, Duration safetyNet, Ticker ticker, DoubleSupplier random) {
        if (safetyNet.isNegative() || safetyNet.isZero()) {
            throw new IllegalArgumentException("the safety net must be positive: " + safetyNet);
        }
        SpreadLifetime spread = new SpreadLifetime(safetyNet.toNanos(), random);
        long turnedDown = safetyNet.toNanos();
        this.credentials = new QuietEntries<>(maximumNodes, ticker, spread::drawn, Optional::isPresent, turnedDown);
        this.nodes = new QuietEntries<>(maximumNodes, ticker, spread::drawn, Optional::isPresent, turnedDown);
        // every node has an entry, most of them no action: an empty list is as worth keeping as any other
        this.actions = new QuietEntries<>(maximumNodes, ticker, spread::drawn, pending -> true, turnedDown);
        // one entry per environment, read by all of its nodes: Caffeine's single load per key matters more here than quiet hits
        this.plans = Caffeine.newBuilder().maximumSize(10_000).expireAfter(spread).ticker(ticker).build();
    }

    /** A lifetime drawn anew whenever an entry is written, uniformly between half the safety net and all of it; reads keep it. */
    private record SpreadLifetime(long safetyNetNanos, DoubleSupplier random) implements Expiry<Object, Object> {

        long drawn() {
            return safetyNetNanos / 2 + (long) (random.getAsDouble() * (safetyNetNanos / 2));
        }

        @Override
        public long expireAfterCreate(Object key, Object value, long currentTime) {
            return drawn();
        }

        @Override
        public long expireAfterUpdate(Object key, Object value, long currentTime, long currentDuration) {
            return drawn();
        }

        @Override
        public long expireAfterRead(Object key, Object value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    @Override
    public Optional<NodeCredential> credential(String tokenLookup, Function<String, Optional<NodeCredential>> loader) {
        // which lookup a node has is noted when its credential is loaded, not on every hit: a put per heartbeat kept the
        // request's own copy of the lookup text alive from an old map entry until the next heartbeat replaced it
        return credentials.get(tokenLookup, lookup -> {
            Optional<NodeCredential> loaded = loader.apply(lookup);
            loaded.ifPresent(c -> lookupOfNode.put(c.nodeId(), c.tokenLookup()));
            return loaded;
        });
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
        nodes.forget(node);
        actions.forget(node);
        String lookup = lookupOfNode.remove(node);
        if (lookup != null) {
            credentials.forget(lookup);
        }
    }

    @Override
    public void forgetAll() {
        credentials.forgetAll();
        nodes.forgetAll();
        plans.invalidateAll();
        actions.forgetAll();
        lookupOfNode.clear();
    }
}
