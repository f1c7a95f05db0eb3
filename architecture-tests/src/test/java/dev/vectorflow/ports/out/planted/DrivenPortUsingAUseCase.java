package dev.vectorflow.ports.out.planted;

import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand;

/** Planted violation: a driven port that takes a use case's command. */
public interface DrivenPortUsingAUseCase {

    void store(HeartbeatCommand command);
}
