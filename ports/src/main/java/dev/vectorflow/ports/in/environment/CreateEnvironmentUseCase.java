package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: create an environment in a team, with a name no other environment of the team has (ignoring case). */
public interface CreateEnvironmentUseCase {

    /**
     * @throws ConflictFailure when the name is taken in the team
     * @throws NotFoundFailure when the team does not exist
     */
    Environment createEnvironment(CreateEnvironmentCommand command) throws ConflictFailure, NotFoundFailure;
}
