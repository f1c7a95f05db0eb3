package dev.vectorflow.ports.in.pipeline;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.Problem;
import java.util.List;

/** Use case: publish the draft as a new immutable version, or roll back to an old one (as a new version). */
public interface PublishPipelineUseCase {

    /**
     * Validates (errors block, warnings do not; referenced secrets must exist), renders and stores a numbered version.
     *
     * @throws ConflictFailure when concurrent publishes of the pipeline keep taking the next number
     */
    PublishResult publish(Actor actor, PipelineId id, String message) throws NotFoundFailure, ConflictFailure;

    /** A new version whose content equals version {@code number}; history is never rewritten. */
    PublishResult rollback(Actor actor, PipelineId id, int number, String message) throws NotFoundFailure, ConflictFailure;

    /** What a publish did. */
    sealed interface PublishResult permits Published, Refused {
    }

    /** Stored; {@code checkedByVector} says whether a {@code vector} binary also validated the rendered file. */
    record Published(PipelineVersion version, List<Problem> warnings, boolean checkedByVector) implements PublishResult {
    }

    record Refused(List<Problem> problems) implements PublishResult {
    }
}
