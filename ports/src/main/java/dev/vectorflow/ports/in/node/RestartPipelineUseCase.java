package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: ask a node's agent to restart one pipeline (a one-shot action). */
public interface RestartPipelineUseCase {

    /** @return the id of the queued action */
    String restartPipeline(RestartPipelineCommand command) throws NotFoundFailure;
}
