package dev.vectorflow.ports.in.release;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: tell every node of an environment a selector matches (and not on that release yet) to update its agent. */
public interface UpdateEnvironmentAgentsUseCase {

    /** @return how many nodes were told */
    int updateEnvironmentAgents(UpdateEnvironmentAgentsCommand command) throws NotFoundFailure;
}
