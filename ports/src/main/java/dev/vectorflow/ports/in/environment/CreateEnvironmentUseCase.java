package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.ConflictFailure;

/** Use case: create an environment with a name no other environment has (ignoring case). */
public interface CreateEnvironmentUseCase {

    /** @throws ConflictFailure when the name is taken */
    Environment createEnvironment(CreateEnvironmentCommand command) throws ConflictFailure;
}
