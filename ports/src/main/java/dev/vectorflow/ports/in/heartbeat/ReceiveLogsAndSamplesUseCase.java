package dev.vectorflow.ports.in.heartbeat;

import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Busy;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.HeartbeatOutcome;
import java.util.Optional;

/** Use case: log lines and sample results an agent sends apart from its heartbeat (a large backlog, a finished sample). */
public interface ReceiveLogsAndSamplesUseCase {

    HeartbeatOutcome receiveLogsAndSamples(LogsAndSamplesCommand command);

    /** Busy before the body is read, as {@link ReceiveHeartbeatUseCase#busy()}: the write queue has no room. */
    Optional<Busy> busy();
}
