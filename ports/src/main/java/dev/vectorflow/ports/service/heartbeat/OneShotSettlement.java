package dev.vectorflow.ports.service.heartbeat;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of a node's one-shot actions a heartbeat settles and which stay pending. Settled ids are remembered for a while,
 * so that an action is not offered again before the writer has stored its settlement and the cache has heard of it.
 */
public final class OneShotSettlement {

    private static final Duration SETTLED_MEMORY = Duration.ofMinutes(10);

    private final Transactions transactions;
    private final NodeActionRepository actions;
    private final FleetCache cache;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> recentlySettled = new ConcurrentHashMap<>();

    public OneShotSettlement(Transactions transactions, NodeActionRepository actions, FleetCache cache, Clock clock) {
        this.transactions = transactions;
        this.actions = actions;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * A heartbeat's verdict: the one-shot actions still pending, the action ids it settled, and the release the agent
     * now runs when that settles an {@code update} (in the database, and in every server's cache through the writer's
     * change notice; only then, so that a heartbeat without a pending update writes nothing for it).
     */
    record Verdict(List<OneShotAction> stillPending, Set<String> settled, Optional<String> updatedTo) {
    }

    Verdict judge(NodeId node, HeartbeatCommand heartbeat) {
        Set<String> settled = new HashSet<>();
        heartbeat.actionResults().forEach(r -> settled.add(r.actionId()));
        Set<String> sampled = new HashSet<>();
        heartbeat.samples().forEach(r -> sampled.add(r.requestId()));
        Optional<String> reportedVersion = Optional.of(heartbeat.agentVersion()).filter(v -> !v.isBlank());
        Optional<String> updatedTo = Optional.empty();
        List<OneShotAction> pending = new ArrayList<>();
        for (OneShotAction oneShot : cache.oneShotActions(node, n -> transactions.inTransaction(() -> actions.pending(n)))) {
            boolean updateDone = oneShot instanceof OneShotAction.Update update && reportedVersion.isPresent()
                    && reportedVersion.get().equals(update.targetVersion());
            boolean sampleDone = oneShot instanceof OneShotAction.Sample sample && sampled.contains(sample.requestId());
            if (updateDone || sampleDone) {
                settled.add(oneShot.id());
            }
            if (updateDone) {
                updatedTo = reportedVersion;
            }
            if (!settled.contains(oneShot.id()) && !recentlySettled.containsKey(oneShot.id())) {
                pending.add(oneShot);
            }
        }
        return new Verdict(pending, settled, updatedTo);
    }

    /** The heartbeat that settled these ids was handed to the writer. */
    void remember(Set<String> settled, Instant now) {
        settled.forEach(id -> recentlySettled.put(id, now));
    }

    /** After a restore replaced the stored fleet: the settled ids of before mean nothing any more. */
    public void forgetAll() {
        recentlySettled.clear();
    }

    /** Drops settled ids older than a while (called by the periodic flush). */
    public void expireSettled() {
        Instant before = clock.instant().minus(SETTLED_MEMORY);
        recentlySettled.values().removeIf(at -> at.isBefore(before));
    }
}
