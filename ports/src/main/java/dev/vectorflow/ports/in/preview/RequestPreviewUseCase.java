package dev.vectorflow.ports.in.preview;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;

/**
 * Use case: preview what a pipeline's draft does to real events — run it and another version side by side on recent
 * sample events, in a real Vector on a node of the pipeline's environment. Returns the preview's id; audited.
 */
public interface RequestPreviewUseCase {

    /**
     * @throws NotFoundFailure  the pipeline, the node (in the pipeline's environment) or the version does not exist
     * @throws ConflictFailure  the node is not online, nothing is deployed to compare with, or there are no sample events yet
     * @throws InvalidGraphFailure the draft has errors, so it cannot run
     */
    String requestPreview(RequestPreviewCommand command) throws NotFoundFailure, ConflictFailure, InvalidGraphFailure;
}
