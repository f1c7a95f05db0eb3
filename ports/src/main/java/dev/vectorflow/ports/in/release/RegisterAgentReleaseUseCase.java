package dev.vectorflow.ports.in.release;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.fleet.AgentRelease;

/** Use case: a platform admin registers an agent build nodes can update to. */
public interface RegisterAgentReleaseUseCase {

    AgentRelease registerAgentRelease(RegisterAgentReleaseCommand command) throws ConflictFailure;
}
