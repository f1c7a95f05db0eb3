package dev.vectorflow.ports.out.deployment;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.List;
import java.util.Optional;

/** Driven port: the current deployment of each pipeline (history lives in the audit log and the versions). */
public interface DeploymentRepository {

    /** Inserts or replaces the pipeline's deployment. */
    void save(Deployment deployment);

    boolean delete(PipelineId pipeline);

    Optional<Deployment> find(PipelineId pipeline);

    List<Deployment> findByEnvironment(EnvironmentId environment);
}
