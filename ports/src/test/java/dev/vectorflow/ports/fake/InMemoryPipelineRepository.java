package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Fake of {@link PipelineRepository} over lists. */
public final class InMemoryPipelineRepository implements PipelineRepository, InMemoryTransactions.Participant {

    private record State(List<Pipeline> pipelines, List<PipelineVersion> versions) {
    }

    private List<Pipeline> pipelines = new ArrayList<>();
    private List<PipelineVersion> versions = new ArrayList<>();

    @Override
    public void insert(Pipeline pipeline) {
        if (findByName(pipeline.environmentId(), pipeline.name()).isPresent()) {
            throw new UniqueViolation("pipeline name taken", null);
        }
        pipelines.add(pipeline);
    }

    @Override
    public void update(Pipeline pipeline) {
        pipelines.replaceAll(p -> p.id().equals(pipeline.id()) ? pipeline : p);
    }

    @Override
    public boolean delete(PipelineId id) {
        versions.removeIf(v -> v.pipelineId().equals(id));
        return pipelines.removeIf(p -> p.id().equals(id));
    }

    @Override
    public Optional<Pipeline> findById(PipelineId id) {
        return pipelines.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Pipeline> findByName(EnvironmentId environment, PipelineName name) {
        return pipelines.stream().filter(p -> p.environmentId().equals(environment) && p.name().uniquenessKey().equals(name.uniquenessKey()))
                .findFirst();
    }

    @Override
    public List<Pipeline> findByEnvironment(EnvironmentId environment) {
        return pipelines.stream().filter(p -> p.environmentId().equals(environment))
                .sorted(Comparator.comparing(p -> p.name().uniquenessKey())).toList();
    }

    @Override
    public long countByEnvironment(EnvironmentId environment) {
        return findByEnvironment(environment).size();
    }

    @Override
    public void insertVersion(PipelineVersion version) {
        if (version(version.pipelineId(), version.number()).isPresent()) {
            throw new UniqueViolation("version exists", null);
        }
        versions.add(version);
    }

    @Override
    public List<PipelineVersion> versions(PipelineId id) {
        return versions.stream().filter(v -> v.pipelineId().equals(id)).sorted(Comparator.comparingInt(PipelineVersion::number).reversed()).toList();
    }

    @Override
    public Optional<PipelineVersion> version(PipelineId id, int number) {
        return versions.stream().filter(v -> v.pipelineId().equals(id) && v.number() == number).findFirst();
    }

    @Override
    public int latestVersionNumber(PipelineId id) {
        return versions.stream().filter(v -> v.pipelineId().equals(id)).mapToInt(PipelineVersion::number).max().orElse(0);
    }

    @Override
    public Object snapshot() {
        return new State(new ArrayList<>(pipelines), new ArrayList<>(versions));
    }

    @Override
    public void restore(Object snapshot) {
        State state = (State) snapshot;
        pipelines = new ArrayList<>(state.pipelines());
        versions = new ArrayList<>(state.versions());
    }
}
