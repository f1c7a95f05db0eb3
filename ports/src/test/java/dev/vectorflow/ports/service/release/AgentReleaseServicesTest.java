package dev.vectorflow.ports.service.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.FleetFakes.EnrolledNode;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.in.release.RegisterAgentReleaseCommand;
import dev.vectorflow.ports.in.release.UpdateEnvironmentAgentsCommand;
import dev.vectorflow.ports.in.release.UpdateNodeAgentCommand;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agent releases on in-memory fakes: one per version, and updates queued only for the nodes that need them. */
class AgentReleaseServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final FleetAudit audit = new FleetAudit(fleet.auditLog, fleet.environments);
    private final OneShotQueue oneShots = new OneShotQueue(fleet.actions, fleet.changes, new SequentialIdGenerator(), fleet.clock);
    private final RegisterAgentReleaseService register = new RegisterAgentReleaseService(fleet.transactions, fleet.agentReleases, fleet.auditLog,
            fleet.clock);
    private final UpdateNodeAgentService updateNode = new UpdateNodeAgentService(fleet.transactions, fleet.agentReleases, fleet.nodes, oneShots,
            audit);
    private final UpdateEnvironmentAgentsService updateEnvironment = new UpdateEnvironmentAgentsService(fleet.transactions, fleet.agentReleases,
            fleet.nodes, oneShots, audit);

    private AgentRelease release(String version) {
        return new AgentRelease(version, "https://example.com/agent-" + version + ".jar", "sha256:" + "a".repeat(64),
                Base64.getEncoder().encodeToString(new byte[64]), "", FleetFakes.T0.minusSeconds(3600), "");
    }

    @Test
    void aRelease_isRegisteredOnce_stampedWithWhoAndWhen() throws Exception {
        AgentRelease registered = register.registerAgentRelease(new RegisterAgentReleaseCommand(Actor.commandLine(), release("1.1.0")));

        assertThat(registered.createdAt()).isEqualTo(FleetFakes.T0);
        assertThat(registered.createdBy()).isEqualTo(Actor.commandLine().label());
        assertThatThrownBy(() -> register.registerAgentRelease(new RegisterAgentReleaseCommand(Actor.commandLine(), release("1.1.0"))))
                .isInstanceOf(ConflictFailure.class);
        assertThat(fleet.agentReleases.findAll()).hasSize(1);
    }

    @Test
    void oneNode_getsAnUpdateToARegisteredRelease() throws Exception {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        register.registerAgentRelease(new RegisterAgentReleaseCommand(Actor.commandLine(), release("1.1.0")));

        String actionId = updateNode.updateNodeAgent(new UpdateNodeAgentCommand(Actor.commandLine(), node.id(), "1.1.0"));

        assertThat(fleet.actions.pending(node.id())).singleElement().isInstanceOfSatisfying(OneShotAction.Update.class, u -> {
            assertThat(u.id()).isEqualTo(actionId);
            assertThat(u.targetVersion()).isEqualTo("1.1.0");
            assertThat(u.checksum()).isEqualTo("sha256:" + "a".repeat(64));
        });
        assertThatThrownBy(() -> updateNode.updateNodeAgent(new UpdateNodeAgentCommand(Actor.commandLine(), node.id(), "9.9.9")))
                .isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void anEnvironment_updatesTheNodesItsSelectorMatches_thatRunAnotherVersion() throws Exception {
        EnrolledNode eu = fleet.enroll("eu-1", Labels.of(Map.of("zone", "eu")));
        EnrolledNode us = fleet.enroll("us-1", Labels.of(Map.of("zone", "us")));
        register.registerAgentRelease(new RegisterAgentReleaseCommand(Actor.commandLine(), release("1.0.0")));
        register.registerAgentRelease(new RegisterAgentReleaseCommand(Actor.commandLine(), release("1.1.0")));

        int current = updateEnvironment.updateEnvironmentAgents(new UpdateEnvironmentAgentsCommand(Actor.commandLine(), fleet.environment,
                NodeSelector.ALL, "1.0.0"));
        int eu11 = updateEnvironment.updateEnvironmentAgents(new UpdateEnvironmentAgentsCommand(Actor.commandLine(), fleet.environment,
                NodeSelector.of(Map.of("zone", "eu")), "1.1.0"));

        assertThat(current).as("every node runs 1.0.0 already").isZero();
        assertThat(eu11).isEqualTo(1);
        assertThat(fleet.actions.pending(eu.id())).hasSize(1);
        assertThat(fleet.actions.pending(us.id())).isEmpty();
    }
}
