package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link DeploymentRepository} over a map. */
public final class InMemoryDeploymentRepository implements DeploymentRepository, InMemoryTransactions.Participant {

    private Map<PipelineId, Deployment> deployments = new LinkedHashMap<>();

    @Override
    public void save(Deployment deployment) {
        deployments.put(deployment.pipelineId(), deployment);
    }

    @Override
    public boolean delete(PipelineId pipeline) {
        return deployments.remove(pipeline) != null;
    }

    @Override
    public Optional<Deployment> find(PipelineId pipeline) {
        return Optional.ofNullable(deployments.get(pipeline));
    }

    @Override
    public List<Deployment> findByEnvironment(EnvironmentId environment) {
        return deployments.values().stream().filter(d -> d.environmentId().equals(environment))
                .sorted(Comparator.comparing(d -> d.pipelineId().toString())).toList();
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(deployments);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        deployments = new LinkedHashMap<>((Map<PipelineId, Deployment>) snapshot);
    }
}
