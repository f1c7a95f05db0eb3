package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: ask a node's agent to capture events of some components of a pipeline (a one-shot action). */
public interface RequestSampleUseCase {

    /** @return the request id to poll for results */
    String requestSample(RequestSampleCommand command) throws NotFoundFailure;
}
