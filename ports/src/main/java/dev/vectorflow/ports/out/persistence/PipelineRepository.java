package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import java.util.List;
import java.util.Optional;

/** Driven port: stores pipelines (with their draft graph) and their immutable versions. */
public interface PipelineRepository {

    /** @throws UniqueViolation when the environment has a pipeline of that name ignoring case */
    void insert(Pipeline pipeline);

    /** @throws UniqueViolation when the new name is taken in the environment */
    void update(Pipeline pipeline);

    /** Deletes the pipeline and its versions. */
    boolean delete(PipelineId id);

    Optional<Pipeline> findById(PipelineId id);

    Optional<Pipeline> findByName(EnvironmentId environment, PipelineName name);

    /** The environment's pipelines, ordered by name ignoring case. */
    List<Pipeline> findByEnvironment(EnvironmentId environment);

    long countByEnvironment(EnvironmentId environment);

    /** @throws UniqueViolation when that version number exists (two publishes at once) */
    void insertVersion(PipelineVersion version);

    /** Every version of the pipeline, newest first. */
    List<PipelineVersion> versions(PipelineId id);

    Optional<PipelineVersion> version(PipelineId id, int number);

    /** The highest version number, 0 when none was published. */
    int latestVersionNumber(PipelineId id);
}
