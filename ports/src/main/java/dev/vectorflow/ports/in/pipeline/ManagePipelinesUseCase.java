package dev.vectorflow.ports.in.pipeline;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Optional;

/** Use case: create, rename, import, edit (save the draft), reset and delete pipelines. Audited. */
public interface ManagePipelinesUseCase {

    /** @throws InvalidGraphFailure when the graph is unfit even as a draft (duplicate keys, unknown types, edges to nothing, cycles) */
    Pipeline createPipeline(Actor actor, EnvironmentId environment, PipelineName name, String description, PipelineGraph draft)
            throws NotFoundFailure, ConflictFailure, InvalidGraphFailure;

    Pipeline updatePipeline(Actor actor, PipelineId id, Optional<PipelineName> name, Optional<String> description)
            throws NotFoundFailure, ConflictFailure;

    /**
     * Saves the draft graph. A draft may be incomplete (missing options, type mismatches: publishing
     * refuses those), but not structurally broken.
     *
     * @throws InvalidGraphFailure when the graph is unfit even as a draft
     */
    Pipeline saveDraft(Actor actor, PipelineId id, PipelineGraph draft) throws NotFoundFailure, InvalidGraphFailure;

    /** Resets the draft to the graph of a published version. */
    Pipeline resetDraft(Actor actor, PipelineId id, int version) throws NotFoundFailure;

    void deletePipeline(Actor actor, PipelineId id) throws NotFoundFailure;

    /**
     * Reads a Vector config file into a new pipeline. Literal values of sensitive options become
     * new secrets of the environment; the result lists them. Nothing is stored when the text has
     * errors.
     */
    ImportOutcome importPipeline(Actor actor, EnvironmentId environment, PipelineName name, String text, Optional<ConfigFormat> format)
            throws NotFoundFailure, ConflictFailure;

    /** The result of an import: the pipeline (absent when refused), every problem, and the secrets made from literals. */
    record ImportOutcome(Optional<Pipeline> pipeline, List<Problem> problems, List<MovedSecret> movedSecrets) {
    }

    /** A literal taken out of the file into a new secret (its value is never reported). */
    record MovedSecret(String component, String optionPath, String secretName) {
    }
}
