package dev.vectorflow.ports.in.delivery;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: an agent fetches the config of one pipeline it should run, secrets and certificates resolved. */
public interface FetchPipelineConfigUseCase {

    /** @throws NotFoundFailure when the pipeline (or that version) is not meant for this node now */
    DeliveredConfig fetchPipelineConfig(PipelineConfigQuery query) throws NotFoundFailure;
}
