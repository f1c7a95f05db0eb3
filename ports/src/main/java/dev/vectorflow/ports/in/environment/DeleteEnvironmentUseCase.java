package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: delete an environment that holds nothing any more. */
public interface DeleteEnvironmentUseCase {

    /**
     * @throws NotFoundFailure when there is no such environment
     * @throws ConflictFailure when the environment still holds pipelines, nodes or secrets
     */
    void deleteEnvironment(DeleteEnvironmentCommand command) throws NotFoundFailure, ConflictFailure;
}
