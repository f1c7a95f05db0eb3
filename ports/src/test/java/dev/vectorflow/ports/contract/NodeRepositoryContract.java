package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.node.NodeRepository.NodeCredential;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link NodeRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class NodeRepositoryContract extends FleetStoreContract {

    private NodeRepository nodes() {
        return nodeStore();
    }

    @Test
    void givenAStoredNode_itIsFoundUnchanged_andItsTokenByTheLookupId() {
        EnvironmentId environment = newEnvironment();
        Node node = node(environment, "web-1", Labels.of(Map.of("zone", "eu")), Labels.of(Map.of("role", "web")));
        String lookup = lookup();
        inTransaction(() -> nodes().insert(node, lookup, hash("secret")));

        assertThat(inTransaction(() -> nodes().findById(node.id()))).contains(node);
        assertThat(inTransaction(() -> nodes().credentialByLookup(lookup)))
                .contains(new NodeCredential(node.id(), environment, lookup, hash("secret"), false));
        assertThat(inTransaction(() -> nodes().allCredentials())).extracting(NodeCredential::nodeId).contains(node.id());
        assertThat(inTransaction(() -> nodes().findById(new NodeId(UUID.randomUUID())))).isEmpty();
        assertThat(inTransaction(() -> nodes().credentialByLookup(lookup()))).isEmpty();
    }

    @Test
    void aTokenLookupIdTakenByAnotherNode_isRefused() {
        EnvironmentId environment = newEnvironment();
        String lookup = lookup();
        inTransaction(() -> nodes().insert(node(environment, "a", Labels.NONE, Labels.NONE), lookup, hash("a")));

        assertThatThrownBy(() -> inTransaction(() -> nodes().insert(node(environment, "b", Labels.NONE, Labels.NONE), lookup, hash("b"))))
                .isInstanceOf(UniqueViolation.class);
    }

    @Test
    void theNodesOfAnEnvironment_areOrderedByHostnameIgnoringCase() {
        EnvironmentId environment = newEnvironment();
        newNode(environment, "web-2");
        newNode(environment, "Web-1");
        newNode(environment, "db-1");
        newNode(newEnvironment(), "elsewhere");

        assertThat(inTransaction(() -> nodes().findByEnvironment(environment))).extracting(Node::hostname).containsExactly("db-1", "Web-1", "web-2");
        assertThat(inTransaction(() -> nodes().findAll())).extracting(Node::hostname).contains("db-1", "Web-1", "web-2", "elsewhere");
    }

    @Test
    void userLabels_maintenance_andRevocation_changeOnlyWhatTheyName() {
        Node node = newNode(newEnvironment(), "web-1");
        String lookup = lookup();
        Node other = node(node.environmentId(), "web-2", Labels.NONE, Labels.NONE);
        inTransaction(() -> nodes().insert(other, lookup, hash("other")));

        inTransaction(() -> {
            nodes().updateUserLabels(node.id(), Labels.of(Map.of("tier", "gold")));
            nodes().updateMaintenance(node.id(), true);
            nodes().revokeToken(other.id());
        });

        assertThat(inTransaction(() -> nodes().findById(node.id()))).contains(node.withUserLabels(Labels.of(Map.of("tier", "gold")))
                .withMaintenance(true));
        assertThat(inTransaction(() -> nodes().credentialByLookup(lookup))).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
        assertThat(inTransaction(() -> nodes().findById(other.id()))).hasValueSatisfying(n -> assertThat(n.tokenRevoked()).isTrue());
    }

    @Test
    void aNewToken_replacesTheOld_unrevokesIt_andTakesWhatTheAgentSaysNow() {
        EnvironmentId environment = newEnvironment();
        Node node = node(environment, "old-name", Labels.NONE, Labels.NONE);
        String oldLookup = lookup();
        String newLookup = lookup();
        inTransaction(() -> {
            nodes().insert(node, oldLookup, hash("old"));
            nodes().revokeToken(node.id());
        });

        inTransaction(() -> nodes().replaceToken(node.id(), newLookup, hash("new"), Labels.of(Map.of("zone", "us")), "new-name", "darwin",
                "1.1.0", "0.58.0", T0.plusSeconds(60)));

        assertThat(inTransaction(() -> nodes().credentialByLookup(oldLookup))).isEmpty();
        assertThat(inTransaction(() -> nodes().credentialByLookup(newLookup)))
                .contains(new NodeCredential(node.id(), environment, newLookup, hash("new"), false));
        assertThat(inTransaction(() -> nodes().findById(node.id()))).hasValueSatisfying(n -> {
            assertThat(n.hostname()).isEqualTo("new-name");
            assertThat(n.os()).isEqualTo("darwin");
            assertThat(n.agentVersion()).isEqualTo("1.1.0");
            assertThat(n.vectorVersion()).isEqualTo("0.58.0");
            assertThat(n.agentLabels()).isEqualTo(Labels.of(Map.of("zone", "us")));
            assertThat(n.tokenRevoked()).isFalse();
        });
    }

    @Test
    void aDeletedNode_andItsToken_areGone() {
        Node node = newNode(newEnvironment(), "web-1");

        assertThat(inTransaction(() -> nodes().delete(node.id()))).isTrue();

        assertThat(inTransaction(() -> nodes().findById(node.id()))).isEmpty();
        assertThat(inTransaction(() -> nodes().allCredentials())).extracting(NodeCredential::nodeId).doesNotContain(node.id());
        assertThat(inTransaction(() -> nodes().delete(node.id()))).isFalse();
    }

    @Test
    void transitions_areListedNewestFirst_upToTheLimit() {
        Node node = newNode(newEnvironment(), "web-1");
        inTransaction(() -> {
            nodes().recordTransition(new StatusTransition(node.id(), null, NodeStatus.HEALTHY, "enrolled", T0));
            nodes().recordTransition(new StatusTransition(node.id(), NodeStatus.HEALTHY, NodeStatus.DEGRADED, "logs is FAILED", T0.plusSeconds(1)));
            nodes().recordTransition(new StatusTransition(node.id(), NodeStatus.DEGRADED, NodeStatus.HEALTHY, "heartbeat", T0.plusSeconds(2)));
        });

        assertThat(inTransaction(() -> nodes().transitions(node.id(), 2))).extracting(StatusTransition::from, StatusTransition::to)
                .containsExactly(tuple(NodeStatus.DEGRADED, NodeStatus.HEALTHY), tuple(NodeStatus.HEALTHY, NodeStatus.DEGRADED));
        assertThat(inTransaction(() -> nodes().transitions(node.id(), 10)).getLast())
                .isEqualTo(new StatusTransition(node.id(), null, NodeStatus.HEALTHY, "enrolled", T0));
    }

    @Test
    void nodesSilentSinceTheCutOff_becomeUnreachable_once_withATransition() {
        EnvironmentId environment = newEnvironment();
        Node silent = newNode(environment, "silent");
        Node recent = node(environment, "recent", Labels.NONE, Labels.NONE);
        Node recentNode = new Node(recent.id(), environment, "recent", "", "", "", "UNKNOWN", Labels.NONE, Labels.NONE, false,
                NodeStatus.HEALTHY, "", T0, Optional.of(T0.plusSeconds(600)), false, "");
        inTransaction(() -> nodes().insert(recentNode, lookup(), hash("recent")));

        var first = inTransaction(() -> nodes().markUnreachable(T0.plusSeconds(300), T0.plusSeconds(900), "no heartbeat"));
        var second = inTransaction(() -> nodes().markUnreachable(T0.plusSeconds(300), T0.plusSeconds(960), "no heartbeat"));

        assertThat(first).filteredOn(t -> t.nodeId().equals(silent.id()) || t.nodeId().equals(recent.id()))
                .containsExactly(new StatusTransition(silent.id(), NodeStatus.HEALTHY, NodeStatus.UNREACHABLE, "no heartbeat", T0.plusSeconds(900)));
        assertThat(second).extracting(StatusTransition::nodeId).doesNotContain(silent.id(), recent.id());
        assertThat(inTransaction(() -> nodes().findById(silent.id()))).hasValueSatisfying(n -> {
            assertThat(n.status()).isEqualTo(NodeStatus.UNREACHABLE);
            assertThat(n.statusReason()).isEqualTo("no heartbeat");
        });
        assertThat(inTransaction(() -> nodes().transitions(silent.id(), 1))).extracting(StatusTransition::to).containsExactly(NodeStatus.UNREACHABLE);
        assertThat(inTransaction(() -> nodes().findById(recent.id()))).hasValueSatisfying(n -> assertThat(n.status()).isEqualTo(NodeStatus.HEALTHY));
    }
}
