package dev.vectorflow.ports.in.deployment;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: deploy a published version of a pipeline to the nodes of its environment that a selector matches. */
public interface DeployPipelineUseCase {

    /** The deployment and, with a rollout plan, the rollout it started. @throws NotFoundFailure without such a pipeline or version */
    DeployedPipeline deployPipeline(DeployPipelineCommand command) throws NotFoundFailure;
}
