package dev.vectorflow.ports.contract;

import static dev.vectorflow.ports.contract.ChangeNotices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FleetChanges} must do: a change published in a unit of work reaches the subscribed cache (on a
 * database, the cache of another server sharing it) once the work commits, and drops exactly the entries it names. The
 * port promises no order among the notices of one unit of work.
 */
public abstract class FleetChangesContract {

    /** The unit of work changes are published in. */
    protected abstract Transactions transactions();

    /** A new {@link FleetChanges} whose notices reach {@code subscriber}, listening already. */
    protected abstract FleetChanges publisherTo(FleetCache subscriber);

    /** A cache that only records what it was told to forget (notices may arrive on another thread). */
    protected static final class Subscriber implements FleetCache {

        private final List<Object> forgotten = new CopyOnWriteArrayList<>();

        public Subscriber() {
        }

        /** Forgotten environments and nodes, and "all" for a full drop. */
        public List<Object> forgotten() {
            return forgotten;
        }

        boolean forgot(Object id) {
            return forgotten.contains(id) || forgotten.contains("all");
        }

        @Override
        public Optional<NodeCredential> credential(String tokenLookup, Function<String, Optional<NodeCredential>> loader) {
            return loader.apply(tokenLookup);
        }

        @Override
        public Optional<Node> node(NodeId id, Function<NodeId, Optional<Node>> loader) {
            return loader.apply(id);
        }

        @Override
        public EnvironmentPlan plan(EnvironmentId environment, Function<EnvironmentId, EnvironmentPlan> loader) {
            return loader.apply(environment);
        }

        @Override
        public List<OneShotAction> oneShotActions(NodeId node, Function<NodeId, List<OneShotAction>> loader) {
            return loader.apply(node);
        }

        @Override
        public void putCredential(NodeCredential credential) {
        }

        @Override
        public void putOneShotActions(NodeId node, List<OneShotAction> actions) {
        }

        @Override
        public void putNode(Node node) {
        }

        @Override
        public void forgetEnvironment(EnvironmentId environment) {
            forgotten.add(environment);
        }

        @Override
        public void forgetNode(NodeId node) {
            forgotten.add(node);
        }

        @Override
        public void forgetAll() {
            forgotten.add("all");
        }
    }

    private void inTransaction(Runnable work) {
        transactions().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private static NodeId newNodeId() {
        return new NodeId(UUID.randomUUID());
    }

    private static EnvironmentId newEnvironmentId() {
        return new EnvironmentId(UUID.randomUUID());
    }

    @Test
    void givenACommittedUnitOfWork_whenANodeChanged_thenTheSubscriberForgetsThatNode_andNothingElse() {
        Subscriber subscriber = new Subscriber();
        FleetChanges changes = publisherTo(subscriber);
        NodeId changed = newNodeId();

        inTransaction(() -> changes.nodeChanged(changed));

        assertThat(eventually(() -> subscriber.forgotten().contains(changed))).as("the notice arrives").isTrue();
        assertThat(subscriber.forgotten()).containsExactly(changed);
    }

    @Test
    void givenACommittedUnitOfWork_whenAnEnvironmentChanged_thenTheSubscriberForgetsThatEnvironment_andNothingElse() {
        Subscriber subscriber = new Subscriber();
        FleetChanges changes = publisherTo(subscriber);
        EnvironmentId changed = newEnvironmentId();

        inTransaction(() -> changes.environmentChanged(changed));

        assertThat(eventually(() -> subscriber.forgotten().contains(changed))).as("the notice arrives").isTrue();
        assertThat(subscriber.forgotten()).containsExactly(changed);
    }

    @Test
    void givenSeveralChangesInOneUnitOfWork_whenItCommits_thenTheSubscriberForgetsEachOfThem() {
        Subscriber subscriber = new Subscriber();
        FleetChanges changes = publisherTo(subscriber);
        NodeId first = newNodeId();
        NodeId second = newNodeId();
        EnvironmentId environment = newEnvironmentId();

        inTransaction(() -> {
            changes.nodeChanged(first);
            changes.environmentChanged(environment);
            changes.nodeChanged(second);
        });

        assertThat(eventually(() -> subscriber.forgot(first) && subscriber.forgot(second) && subscriber.forgot(environment)))
                .as("every notice arrives").isTrue();
    }
}
