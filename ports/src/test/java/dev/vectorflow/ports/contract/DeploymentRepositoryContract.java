package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link DeploymentRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class DeploymentRepositoryContract extends FleetStoreContract {

    private DeploymentRepository deployments() {
        return store().deployments();
    }

    @Test
    void aPipelineHasOneDeployment_whichASaveReplaces() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 2);
        Deployment first = new Deployment(pipeline, environment, 1, NodeSelector.ALL, T0, "ann");
        Deployment second = new Deployment(pipeline, environment, 2, NodeSelector.of(Map.of("zone", "eu")), T0.plusSeconds(60), "bob");

        inTransaction(() -> deployments().save(first));
        inTransaction(() -> deployments().save(second));

        assertThat(inTransaction(() -> deployments().find(pipeline))).contains(second);
        assertThat(inTransaction(() -> deployments().findByEnvironment(environment))).containsExactly(second);
    }

    @Test
    void theDeploymentsOfAnEnvironment_areItsOwn_inPipelineIdOrder() {
        EnvironmentId environment = newEnvironment();
        PipelineId a = newPipeline(environment, 1);
        PipelineId b = newPipeline(environment, 1);
        EnvironmentId elsewhere = newEnvironment();
        PipelineId c = newPipeline(elsewhere, 1);
        inTransaction(() -> {
            deployments().save(new Deployment(a, environment, 1, NodeSelector.ALL, T0, "ann"));
            deployments().save(new Deployment(b, environment, 1, NodeSelector.ALL, T0, "ann"));
            deployments().save(new Deployment(c, elsewhere, 1, NodeSelector.ALL, T0, "ann"));
        });

        assertThat(inTransaction(() -> deployments().findByEnvironment(environment))).extracting(Deployment::pipelineId)
                .containsExactly(a.toString().compareTo(b.toString()) < 0 ? new PipelineId[] {a, b} : new PipelineId[] {b, a});
    }

    @Test
    void anUndeployedPipeline_hasNoDeployment() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 1);
        inTransaction(() -> deployments().save(new Deployment(pipeline, environment, 1, NodeSelector.ALL, T0, "ann")));

        assertThat(inTransaction(() -> deployments().delete(pipeline))).isTrue();
        assertThat(inTransaction(() -> deployments().delete(pipeline))).isFalse();
        assertThat(inTransaction(() -> deployments().find(pipeline))).isEmpty();
        assertThat(inTransaction(() -> deployments().find(new PipelineId(UUID.randomUUID())))).isEmpty();
    }
}
