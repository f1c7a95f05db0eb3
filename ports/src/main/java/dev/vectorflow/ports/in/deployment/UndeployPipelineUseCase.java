package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: take a pipeline off every node. */
public interface UndeployPipelineUseCase {

    /** @throws NotFoundFailure when the pipeline does not exist or is not deployed */
    void undeployPipeline(UndeployPipelineCommand command) throws NotFoundFailure;
}
