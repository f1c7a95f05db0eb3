package dev.vectorflow.adapter.postgres.deployment;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.labels;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link DeploymentRepository} on {@code deployments}. */
public final class PostgresDeploymentRepository implements DeploymentRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresDeploymentRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static Deployment toDeployment(Record r) {
        return new Deployment(new PipelineId(r.get("pipeline_id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                r.get("version", Integer.class), new NodeSelector(labels(r.get("selector", String.class))), instant(r, "deployed_at"),
                r.get("deployed_by", String.class));
    }

    @Override
    public void save(Deployment d) {
        dsl.get().execute("""
                insert into deployments (pipeline_id, environment_id, version, selector, deployed_at, deployed_by) values (?,?,?,?,?,?)
                on conflict (pipeline_id) do update set environment_id = excluded.environment_id, version = excluded.version,
                    selector = excluded.selector, deployed_at = excluded.deployed_at, deployed_by = excluded.deployed_by""",
                d.pipelineId().value(), d.environmentId().value(), d.version(), labels(d.selector().required()), utc(d.deployedAt()),
                d.deployedBy());
    }

    @Override
    public boolean delete(PipelineId pipeline) {
        return dsl.get().execute("delete from deployments where pipeline_id = ?", pipeline.value()) > 0;
    }

    @Override
    public Optional<Deployment> find(PipelineId pipeline) {
        return dsl.get().fetchOptional("select * from deployments where pipeline_id = ?", pipeline.value())
                .map(PostgresDeploymentRepository::toDeployment);
    }

    @Override
    public List<Deployment> findByEnvironment(EnvironmentId environment) {
        return dsl.get().fetch("select * from deployments where environment_id = ? order by pipeline_id", environment.value())
                .map(PostgresDeploymentRepository::toDeployment);
    }
}
