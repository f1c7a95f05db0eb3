package dev.vectorflow.ports.in.delivery;

import dev.vectorflow.ports.in.heartbeat.AgentIdentity;

/** Use case: an agent that starts without its configs fetches every pipeline it should run in one call. */
public interface FetchDesiredStateUseCase {

    DesiredConfigs fetchDesiredState(AgentIdentity agent);
}
