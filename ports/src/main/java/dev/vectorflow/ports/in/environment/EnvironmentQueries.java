package dev.vectorflow.ports.in.environment;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.TeamId;
import java.util.List;
import java.util.Optional;

/** Read side of environments. */
public interface EnvironmentQueries {

    /** The environments of the teams {@code viewer} belongs to (all for a platform admin), ordered by name. */
    List<Environment> listEnvironments(Principal viewer);

    /** @throws NotFoundFailure when there is no such environment */
    Environment getEnvironment(EnvironmentId id) throws NotFoundFailure;

    /** The team that owns an environment, for access checks; empty when there is no such environment. */
    Optional<TeamId> owningTeam(EnvironmentId id);
}
