package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What every {@link FleetCache} must do; run against the in-memory fake and against the Caffeine cache the server uses. */
public abstract class FleetCacheContract {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** An empty cache. */
    protected abstract FleetCache cache();

    private final EnvironmentId environment = new EnvironmentId(UUID.randomUUID());
    private final NodeId nodeId = new NodeId(UUID.randomUUID());
    private final Node node = new Node(nodeId, environment, "web-1", "", "", "", "UNKNOWN", Labels.NONE, Labels.NONE, false, NodeStatus.HEALTHY,
            "", T0, Optional.empty(), false, "");
    private final NodeCredential credential = new NodeCredential(nodeId, environment, "0123456789abcdef", "0".repeat(64), false);
    private final EnvironmentPlan plan = new EnvironmentPlan(List.of(), Map.of(new PipelineId(UUID.randomUUID()), "logs"));
    private final List<OneShotAction> actions = List.of(new OneShotAction.Restart("restart-1", new PipelineId(UUID.randomUUID())));

    @Test
    void aMiss_runsTheLoaderOnce_andTheAnswerIsKept() {
        FleetCache cache = cache();
        AtomicInteger loads = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            assertThat(cache.node(nodeId, id -> {
                loads.incrementAndGet();
                return Optional.of(node);
            })).contains(node);
            assertThat(cache.plan(environment, e -> {
                loads.incrementAndGet();
                return plan;
            })).isEqualTo(plan);
            assertThat(cache.credential(credential.tokenLookup(), l -> {
                loads.incrementAndGet();
                return Optional.of(credential);
            })).contains(credential);
            assertThat(cache.oneShotActions(nodeId, n -> {
                loads.incrementAndGet();
                return actions;
            })).isEqualTo(actions);
        }

        assertThat(loads).hasValue(4);
    }

    @Test
    void anAbsentNodeOrCredential_isKeptAsAbsent_untilForgotten() {
        FleetCache cache = cache();
        AtomicInteger loads = new AtomicInteger();

        cache.credential("ffffffffffffffff", l -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        cache.credential("ffffffffffffffff", l -> {
            loads.incrementAndGet();
            return Optional.empty();
        });

        assertThat(loads).hasValue(1);
    }

    @Test
    void forgettingANode_dropsTheNode_itsActions_andItsCredential() {
        FleetCache cache = cache();
        cache.putNode(node);
        cache.putCredential(credential);
        cache.putOneShotActions(nodeId, actions);
        cache.putNode(new Node(new NodeId(UUID.randomUUID()), environment, "web-2", "", "", "", "UNKNOWN", Labels.NONE, Labels.NONE, false,
                NodeStatus.HEALTHY, "", T0, Optional.empty(), false, ""));

        cache.forgetNode(nodeId);

        assertThat(cache.node(nodeId, id -> Optional.empty())).isEmpty();
        assertThat(cache.credential(credential.tokenLookup(), l -> Optional.empty())).isEmpty();
        assertThat(cache.oneShotActions(nodeId, n -> List.of())).isEmpty();
    }

    @Test
    void forgettingANode_dropsACredentialThatWasLoaded_notOnlyOneThatWasPut() {
        FleetCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        Function<String, Optional<NodeCredential>> loader = l -> {
            loads.incrementAndGet();
            return Optional.of(credential);
        };
        cache.credential(credential.tokenLookup(), loader);

        cache.forgetNode(nodeId);
        cache.credential(credential.tokenLookup(), loader);

        assertThat(loads).hasValue(2);
    }

    @Test
    void forgettingAnEnvironment_dropsItsPlan_andForgettingAll_dropsEverything() {
        FleetCache cache = cache();
        EnvironmentPlan replaced = new EnvironmentPlan(List.of(), Map.of());
        cache.plan(environment, e -> plan);
        cache.putNode(node);

        cache.forgetEnvironment(environment);
        assertThat(cache.plan(environment, e -> replaced)).isEqualTo(replaced);
        assertThat(cache.node(nodeId, id -> Optional.empty())).contains(node);

        cache.forgetAll();
        assertThat(cache.node(nodeId, id -> Optional.empty())).isEmpty();
        assertThat(cache.plan(environment, e -> plan)).isEqualTo(plan);
    }

    @Test
    void aPutNode_replacesTheCachedOne() {
        FleetCache cache = cache();
        cache.node(nodeId, id -> Optional.of(node));
        Node relabelled = node.withUserLabels(Labels.of(Map.of("zone", "eu")));

        cache.putNode(relabelled);

        assertThat(cache.node(nodeId, id -> Optional.of(node))).contains(relabelled);
    }
}
