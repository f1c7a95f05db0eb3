package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;

/** Use case: deploy a published version of a pipeline to the nodes of its environment that a selector matches. */
public interface DeployPipelineUseCase {

    /** @throws NotFoundFailure without such a pipeline or version */
    Deployment deployPipeline(DeployPipelineCommand command) throws NotFoundFailure;
}
