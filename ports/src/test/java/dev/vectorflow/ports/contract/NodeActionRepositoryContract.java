package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link NodeActionRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class NodeActionRepositoryContract extends FleetStoreContract {

    private NodeActionRepository actions() {
        return store().nodeActions();
    }

    private static final PipelineId PIPELINE = new PipelineId(UUID.fromString("0190c0de-0000-7000-8000-000000000001"));

    @Test
    void everyKindOfAction_comesBackAsItWasStored_pendingInTheOrderItWasAsked() {
        Node node = newNode(newEnvironment(), "web-1");
        OneShotAction restart = new OneShotAction.Restart("a-" + UUID.randomUUID(), PIPELINE);
        OneShotAction sample = new OneShotAction.Sample("b-" + UUID.randomUUID(), UUID.randomUUID().toString(), PIPELINE, List.of("in", "out"), 7);
        OneShotAction update = new OneShotAction.Update("c-" + UUID.randomUUID(), "1.2.0", "https://example.com/agent.jar",
                "sha256:" + "a".repeat(64), "c2lnbmF0dXJl");
        inTransaction(() -> {
            actions().insert(node.id(), restart, T0, "ann");
            actions().insert(node.id(), sample, T0.plusSeconds(1), "bob");
            actions().insert(node.id(), update, T0.plusSeconds(2), "cid");
        });

        assertThat(inTransaction(() -> actions().pending(node.id()))).containsExactly(restart, sample, update);
        assertThat(inTransaction(() -> actions().allPending()).get(node.id())).containsExactly(restart, sample, update);
    }

    @Test
    void recentActions_areNewestFirst_upToTheLimit_withWhoAskedAndWhen() {
        Node node = newNode(newEnvironment(), "web-1");
        OneShotAction first = new OneShotAction.Restart("first-" + UUID.randomUUID(), PIPELINE);
        OneShotAction second = new OneShotAction.Restart("second-" + UUID.randomUUID(), PIPELINE);
        inTransaction(() -> {
            actions().insert(node.id(), first, T0, "ann");
            actions().insert(node.id(), second, T0.plusSeconds(5), "bob");
        });

        assertThat(inTransaction(() -> actions().recent(node.id(), 1)))
                .containsExactly(new StoredAction(second, T0.plusSeconds(5), "bob", Optional.empty(), Optional.empty(), ""));
        assertThat(inTransaction(() -> actions().recent(node.id(), 10))).extracting(a -> a.action().id()).containsExactly(second.id(), first.id());
    }

    @Test
    void aSampleRequest_isKnownByItsRequestId_onItsNodeOnly() {
        Node node = newNode(newEnvironment(), "web-1");
        Node other = newNode(newEnvironment(), "web-2");
        String request = UUID.randomUUID().toString();
        inTransaction(() -> actions().insert(node.id(), new OneShotAction.Sample("s-" + UUID.randomUUID(), request, PIPELINE, List.of("in"), 1),
                T0, "ann"));

        assertThat(inTransaction(() -> actions().exists(node.id(), request))).isTrue();
        assertThat(inTransaction(() -> actions().exists(other.id(), request))).isFalse();
        assertThat(inTransaction(() -> actions().exists(node.id(), UUID.randomUUID().toString()))).isFalse();
        assertThat(inTransaction(() -> actions().pending(other.id()))).isEmpty();
    }
}
