package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: rename an environment and/or change its description. */
public interface UpdateEnvironmentUseCase {

    /**
     * @return the environment as it is after the change
     * @throws NotFoundFailure when there is no such environment
     * @throws ConflictFailure when the new name belongs to another environment
     */
    Environment updateEnvironment(UpdateEnvironmentCommand command) throws NotFoundFailure, ConflictFailure;
}
