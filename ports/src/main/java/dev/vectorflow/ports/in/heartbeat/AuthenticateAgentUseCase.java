package dev.vectorflow.ports.in.heartbeat;

import java.util.Optional;

/** Use case: find the node a bearer token on the agent API belongs to (from memory on the heartbeat path). */
public interface AuthenticateAgentUseCase {

    /** Empty for a malformed, unknown or revoked node token. */
    Optional<AgentIdentity> authenticate(String bearerToken);
}
