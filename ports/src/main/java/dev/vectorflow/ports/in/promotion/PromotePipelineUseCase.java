package dev.vectorflow.ports.in.promotion;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.validation.InvalidValuesException;
import java.util.List;
import java.util.Optional;

/**
 * Use case: promote a published version of a pipeline from its environment into another one (the pipeline of the same
 * name there is created or gets a new version). The caller must be an editor of the target's team. Audited.
 */
public interface PromotePipelineUseCase {

    /**
     * What the promotion would do, changing nothing.
     *
     * @throws InvalidValuesException naming every problem: a target the caller cannot write, the source's own environment,
     *                                mappings that do not apply
     */
    PromotionPreview preview(PromotePipelineCommand command) throws NotFoundFailure;

    /**
     * Promotes, or holds the promotion for approval when the target requires it.
     *
     * @throws InvalidValuesException as {@link #preview}, and naming every secret and certificate the target lacks; nothing changed
     */
    PromotionResult promote(PromotePipelineCommand command) throws NotFoundFailure, ConflictFailure;

    /** What a promotion did. */
    sealed interface PromotionResult permits Promoted, AwaitingApproval, Refused {
    }

    /** Done: the target pipeline ({@code created} when new), its new version and, when asked, its deployment. */
    record Promoted(Pipeline pipeline, boolean created, PipelineVersion version, Optional<Deployment> deployment) implements PromotionResult {
    }

    /** Held until another admin of the target's team decides. */
    record AwaitingApproval(ApprovalRequest request) implements PromotionResult {
    }

    /** The version does not pass the target's publish checks (nothing was created). */
    record Refused(List<Problem> problems) implements PromotionResult {
    }
}
