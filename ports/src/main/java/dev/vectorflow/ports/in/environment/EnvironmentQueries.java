package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import java.util.List;

/** Read side of environments. */
public interface EnvironmentQueries {

    /** Every environment, ordered by name (ignoring case). */
    List<Environment> listEnvironments();

    /** @throws NotFoundFailure when there is no such environment */
    Environment getEnvironment(EnvironmentId id) throws NotFoundFailure;
}
