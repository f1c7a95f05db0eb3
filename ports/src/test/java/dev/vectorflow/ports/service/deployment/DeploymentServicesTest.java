package dev.vectorflow.ports.service.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.InMemoryTelemetryRepository;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.UndeployPipelineCommand;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.rollout.RolloutEngine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deploy and undeploy on in-memory fakes: one deployment per pipeline, each change told to every server and audited. */
class DeploymentServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final FleetAudit audit = new FleetAudit(fleet.auditLog, fleet.environments);
    private final RolloutEngine rollouts = fleet.rolloutEngine(new InMemoryTelemetryRepository(fleet.nodes, fleet.actions), audit);
    private final DeployPipelineService deploy = new DeployPipelineService(fleet.transactions, fleet.pipelines, fleet.deployments, fleet.changes,
            audit, fleet.clock, rollouts);
    private final UndeployPipelineService undeploy = new UndeployPipelineService(fleet.transactions, fleet.pipelines, fleet.deployments,
            fleet.changes, audit, rollouts);
    private final Actor editor = Actor.commandLine();

    @Test
    void withoutAVersion_theLatestPublishedOneIsDeployed_withItsSelector() throws Exception {
        PipelineVersion version = fleet.publish("logs");

        Deployment deployment = deploy.deployPipeline(new DeployPipelineCommand(editor, version.pipelineId(), Optional.empty(),
                NodeSelector.of(Map.of("zone", "eu")))).deployment();

        assertThat(deployment.version()).isEqualTo(1);
        assertThat(deployment.environmentId()).isEqualTo(fleet.environment);
        assertThat(fleet.deployments.find(version.pipelineId())).contains(deployment);
        assertThat(fleet.changes.notices()).containsExactly(fleet.environment);
        assertThat(fleet.auditLog.all()).extracting(AuditEntry::action).containsExactly("pipeline.deploy");
    }

    @Test
    void aPipelineWithoutVersions_orAVersionItDoesNotHave_isNotDeployed() {
        Pipeline draftOnly = new Pipeline(new PipelineId(UUID.randomUUID()), fleet.environment, new PipelineName("draft"), "",
                PipelineGraph.of(List.of(), List.of()), "ann", FleetFakes.T0, "ann", FleetFakes.T0);
        fleet.transactions.inTransaction(() -> {
            fleet.pipelines.insert(draftOnly);
            return null;
        });
        PipelineVersion version = fleet.publish("logs");

        assertThatThrownBy(() -> deploy.deployPipeline(new DeployPipelineCommand(editor, draftOnly.id(), Optional.empty(), NodeSelector.ALL)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("publish it first");
        assertThatThrownBy(() -> deploy.deployPipeline(new DeployPipelineCommand(editor, version.pipelineId(), Optional.of(7), NodeSelector.ALL)))
                .isInstanceOf(NotFoundFailure.class);
        assertThat(fleet.deployments.findByEnvironment(fleet.environment)).isEmpty();
        assertThat(fleet.changes.notices()).isEmpty();
    }

    @Test
    void anUndeploy_removesTheDeployment_andAPipelineNotDeployedIsNotFound() throws Exception {
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);

        undeploy.undeployPipeline(new UndeployPipelineCommand(editor, version.pipelineId()));

        assertThat(fleet.deployments.find(version.pipelineId())).isEmpty();
        assertThat(fleet.changes.notices()).containsExactly(fleet.environment);
        assertThatThrownBy(() -> undeploy.undeployPipeline(new UndeployPipelineCommand(editor, version.pipelineId())))
                .isInstanceOf(NotFoundFailure.class);
    }
}
