package dev.vectorflow.ports.service.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.FleetFakes.EnrolledNode;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;
import dev.vectorflow.ports.in.node.DeleteNodeCommand;
import dev.vectorflow.ports.in.node.ReenrollNodeCommand;
import dev.vectorflow.ports.in.node.RequestSampleCommand;
import dev.vectorflow.ports.in.node.RestartPipelineCommand;
import dev.vectorflow.ports.in.node.RevokeNodeTokenCommand;
import dev.vectorflow.ports.in.node.SetNodeLabelsCommand;
import dev.vectorflow.ports.in.node.SetNodeMaintenanceCommand;
import dev.vectorflow.ports.service.enrollment.EnrollmentTokenIssuer;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.OneShotQueue;
import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Node administration on in-memory fakes: each change is stored, told to every server's cache, and audited. */
class NodeServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final FleetAudit audit = new FleetAudit(fleet.auditLog, fleet.environments);
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final OneShotQueue oneShots = new OneShotQueue(fleet.actions, fleet.changes, ids, fleet.clock);
    private final Actor admin = Actor.commandLine();

    private List<String> auditedActions() {
        return fleet.auditLog.all().stream().map(AuditEntry::action).toList();
    }

    @Test
    void userLabels_areStored_toldToTheFleet_andAudited() throws Exception {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        var service = new SetNodeLabelsService(fleet.transactions, fleet.nodes, fleet.changes, audit);

        var labelled = service.setNodeLabels(new SetNodeLabelsCommand(admin, node.id(), Labels.of(Map.of("zone", "eu"))));

        assertThat(labelled.labels()).isEqualTo(Labels.of(Map.of("zone", "eu")));
        assertThat(fleet.nodes.findById(node.id()).orElseThrow().userLabels()).isEqualTo(Labels.of(Map.of("zone", "eu")));
        assertThat(fleet.changes.notices()).containsExactly(node.id());
        assertThat(auditedActions()).containsExactly("node.labels");
        assertThat(fleet.auditLog.all().getFirst().changesJson()).contains("zone=eu");
        assertThatThrownBy(() -> service.setNodeLabels(new SetNodeLabelsCommand(admin, new NodeId(UUID.randomUUID()), Labels.NONE)))
                .isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void maintenance_changesOnlyWhenItIsAChange() throws Exception {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        var service = new SetNodeMaintenanceService(fleet.transactions, fleet.nodes, fleet.changes, audit);

        assertThat(service.setNodeMaintenance(new SetNodeMaintenanceCommand(admin, node.id(), true)).maintenance()).isTrue();
        assertThat(service.setNodeMaintenance(new SetNodeMaintenanceCommand(admin, node.id(), true)).maintenance()).isTrue();

        assertThat(fleet.changes.notices()).hasSize(1);
        assertThat(auditedActions()).containsExactly("node.maintenance");
    }

    @Test
    void aRevokedToken_andADeletedNode_areToldToEveryServersCache() throws Exception {
        EnrolledNode revoked = fleet.enroll("web-1", Labels.NONE);
        EnrolledNode deleted = fleet.enroll("web-2", Labels.NONE);
        fleet.cache.node(deleted.id(), id -> fleet.nodes.findById(id));
        new RevokeNodeTokenService(fleet.transactions, fleet.nodes, fleet.changes, audit).revokeNodeToken(new RevokeNodeTokenCommand(admin,
                revoked.id()));
        new DeleteNodeService(fleet.transactions, fleet.nodes, fleet.changes, audit, new HeartbeatWrites(fleet.writer, fleet.clock), fleet.live)
                .deleteNode(new DeleteNodeCommand(admin, deleted.id()));

        assertThat(fleet.nodes.findById(revoked.id()).orElseThrow().tokenRevoked()).isTrue();
        assertThat(fleet.nodes.findById(deleted.id())).isEmpty();
        assertThat(fleet.cache.node(deleted.id(), id -> fleet.nodes.findById(id))).as("the cached node was dropped").isEmpty();
        assertThat(fleet.changes.notices()).containsExactly(revoked.id(), deleted.id());
        assertThat(auditedActions()).containsExactly("node.revoke_token", "node.delete");
    }

    @Test
    void reenrollment_issuesASingleUseOneDayTokenForTheNode() throws Exception {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        var issuer = new EnrollmentTokenIssuer(fleet.enrollmentTokens, ids, hex -> "ab".repeat(hex), fleet.clock);

        IssuedEnrollmentToken issued = new ReenrollNodeService(fleet.transactions, fleet.nodes, issuer, audit)
                .reenrollNode(new ReenrollNodeCommand(admin, node.id()));

        assertThat(issued.text()).startsWith(EnrollmentToken.PREFIX);
        assertThat(issued.token().reenrollNode()).contains(node.id());
        assertThat(issued.token().maxUses()).isEqualTo(1);
        assertThat(issued.token().expiresAt()).isEqualTo(FleetFakes.T0.plus(Duration.ofHours(24)));
        assertThat(fleet.enrollmentTokens.findByEnvironment(fleet.environment)).as("re-enrollment tokens are not listed").isEmpty();
        assertThat(auditedActions()).containsExactly("node.reenroll_token");
    }

    @Test
    void aRestart_isQueuedForAPipelineOfTheNodesEnvironment_only() throws Exception {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion ours = fleet.publish("logs");
        PipelineVersion theirs = fleet.publish(fleet.newEnvironment("other"), "metrics");
        var service = new RestartPipelineService(fleet.transactions, fleet.nodes, fleet.pipelines, oneShots, audit);

        String actionId = service.restartPipeline(new RestartPipelineCommand(admin, node.id(), ours.pipelineId()));

        assertThat(fleet.actions.pending(node.id())).containsExactly(new OneShotAction.Restart(actionId, ours.pipelineId()));
        assertThat(fleet.changes.notices()).containsExactly(node.id());
        assertThatThrownBy(() -> service.restartPipeline(new RestartPipelineCommand(admin, node.id(), theirs.pipelineId())))
                .isInstanceOf(NotFoundFailure.class);
        assertThat(fleet.actions.pending(node.id())).hasSize(1);
    }

    @Test
    void aSampleRequest_isQueuedUnderItsOwnRequestId_andBadRequestsAreRefusedBeforeAnything() throws Exception {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion pipeline = fleet.publish("logs");
        var service = new RequestSampleService(fleet.transactions, fleet.nodes, fleet.pipelines, oneShots, audit);

        String requestId = service.requestSample(new RequestSampleCommand(admin, node.id(), pipeline.pipelineId(), List.of("in"), 5));

        assertThat(fleet.actions.pending(node.id())).singleElement().isInstanceOfSatisfying(OneShotAction.Sample.class, sample -> {
            assertThat(sample.requestId()).isEqualTo(requestId);
            assertThat(sample.id()).isNotEqualTo(requestId);
            assertThat(sample.componentKeys()).containsExactly("in");
            assertThat(sample.limit()).isEqualTo(5);
        });
        assertThatThrownBy(() -> new RequestSampleCommand(admin, node.id(), pipeline.pipelineId(), List.of(), 5))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new RequestSampleCommand(admin, node.id(), pipeline.pipelineId(), List.of("a.b"), 5))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new RequestSampleCommand(admin, node.id(), pipeline.pipelineId(), List.of("in"), 101))
                .isInstanceOf(InvalidValueException.class);
    }
}
