package dev.vectorflow.ports.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.FleetFakes.EnrolledNode;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.delivery.DesiredConfigs;
import dev.vectorflow.ports.in.delivery.PipelineConfigQuery;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Config delivery on in-memory fakes: a node gets the configs its desired state names, and nothing else. */
class DeliveryServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final FetchPipelineConfigService pipelineConfig = new FetchPipelineConfigService(fleet.nodeDirectory, fleet.desiredStates);
    private final FetchDesiredStateService desiredState = new FetchDesiredStateService(fleet.nodeDirectory, fleet.desiredStates, fleet.settings);

    private static AgentIdentity agent(EnrolledNode node) {
        return new AgentIdentity(node.id(), node.node().environmentId());
    }

    @Test
    void givenADeployedPipelineTheNodeShouldRun_itsConfigIsDelivered_withTheChecksumTheHeartbeatAsksFor() throws Exception {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);

        DeliveredConfig config = pipelineConfig.fetchPipelineConfig(new PipelineConfigQuery(agent(node), version.pipelineId(), Optional.empty()));
        DeliveredConfig sameVersion = pipelineConfig.fetchPipelineConfig(new PipelineConfigQuery(agent(node), version.pipelineId(), Optional.of(1)));

        assertThat(config.configYaml()).isEqualTo(version.configYaml());
        assertThat(config.pipelineName()).isEqualTo("logs");
        assertThat(config.version()).isEqualTo(1);
        assertThat(config.checksum()).isEqualTo(fleet.desiredStates.plan(fleet.environment).deployed().getFirst().checksum());
        assertThat(sameVersion).isEqualTo(config);
    }

    @Test
    void aVersionOrPipelineTheNodeShouldNotRun_isNotFound() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        EnrolledNode elsewhere = fleet.enroll("db-1", Labels.of(Map.of("role", "db")));
        PipelineVersion version = fleet.publish("logs");
        PipelineVersion notDeployed = fleet.publish("metrics");
        fleet.deploy(version, NodeSelector.of(Map.of("role", "web")));
        fleet.transactions.inTransaction(() -> {
            fleet.nodes.updateUserLabels(node.id(), Labels.of(Map.of("role", "web")));
            return null;
        });
        fleet.cache.forgetNode(node.id());

        assertThatThrownBy(() -> pipelineConfig.fetchPipelineConfig(new PipelineConfigQuery(agent(node), version.pipelineId(), Optional.of(2))))
                .isInstanceOf(NotFoundFailure.class).hasMessageContaining(" v2");
        assertThatThrownBy(() -> pipelineConfig.fetchPipelineConfig(new PipelineConfigQuery(agent(node), notDeployed.pipelineId(),
                Optional.empty()))).isInstanceOf(NotFoundFailure.class);
        assertThatThrownBy(() -> pipelineConfig.fetchPipelineConfig(new PipelineConfigQuery(agent(elsewhere), version.pipelineId(),
                Optional.empty()))).as("the selector does not match this node").isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void theDesiredStateHoldsEveryPipelineTheNodeShouldRun_byName_andThePollInterval() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion zeta = fleet.publish("zeta");
        PipelineVersion alpha = fleet.publish("alpha");
        fleet.deploy(zeta, NodeSelector.ALL);
        fleet.deploy(alpha, NodeSelector.ALL);

        DesiredConfigs configs = desiredState.fetchDesiredState(agent(node));

        assertThat(configs.pipelines()).extracting(DeliveredConfig::pipelineName).containsExactly("alpha", "zeta");
        assertThat(configs.pollInterval()).isEqualTo(fleet.settings.pollInterval());
    }

    @Test
    void givenANodeInMaintenanceOrDeleted_theDesiredStateIsEmpty() {
        EnrolledNode resting = fleet.enroll("web-1", Labels.NONE);
        EnrolledNode gone = fleet.enroll("web-2", Labels.NONE);
        fleet.deploy(fleet.publish("logs"), NodeSelector.ALL);
        fleet.transactions.inTransaction(() -> {
            fleet.nodes.updateMaintenance(resting.id(), true);
            return fleet.nodes.delete(gone.id());
        });

        assertThat(desiredState.fetchDesiredState(agent(resting)).pipelines()).isEmpty();
        assertThat(desiredState.fetchDesiredState(agent(gone)).pipelines()).isEmpty();
    }
}
