package dev.vectorflow.ports.in.heartbeat;

import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.HeartbeatOutcome;

/** Use case: log lines and sample results an agent sends apart from its heartbeat (a large backlog, a finished sample). */
public interface ReceiveLogsAndSamplesUseCase {

    HeartbeatOutcome receiveLogsAndSamples(LogsAndSamplesCommand command);
}
