package dev.vectorflow.ports.in.pipeline;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Optional;
import dev.vectorflow.core.pipeline.diff.GraphDiff;

/** Read side of pipelines: lists, drafts, validation, rendering, versions and diffs. */
public interface PipelineQueries {

    List<Pipeline> pipelinesOf(EnvironmentId environment);

    Pipeline pipeline(PipelineId id) throws NotFoundFailure;

    /** The environment a pipeline belongs to, for access checks; empty when there is no such pipeline. */
    Optional<EnvironmentId> owningEnvironment(PipelineId id);

    /** Every problem of the draft (including references to secrets the environment lacks). */
    List<Problem> validateDraft(PipelineId id) throws NotFoundFailure;

    /** The draft rendered as a Vector config file. */
    String renderDraft(PipelineId id, ConfigFormat format) throws NotFoundFailure;

    List<PipelineVersion> versions(PipelineId id) throws NotFoundFailure;

    PipelineVersion version(PipelineId id, int number) throws NotFoundFailure;

    /** The difference between two versions: component level and a unified diff of their YAML. */
    VersionDiff diff(PipelineId id, int from, int to) throws NotFoundFailure;

    Catalog catalog();

    /** Two versions compared. */
    record VersionDiff(int from, int to, GraphDiff components, String yamlDiff) {
    }
}
