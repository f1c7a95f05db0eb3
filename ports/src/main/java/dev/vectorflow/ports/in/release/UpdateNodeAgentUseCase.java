package dev.vectorflow.ports.in.release;

import dev.vectorflow.core.failure.NotFoundFailure;

/** Use case: tell one node's agent to update itself to a registered release (an {@code update} action). */
public interface UpdateNodeAgentUseCase {

    /** @return the id of the queued action */
    String updateNodeAgent(UpdateNodeAgentCommand command) throws NotFoundFailure;
}
