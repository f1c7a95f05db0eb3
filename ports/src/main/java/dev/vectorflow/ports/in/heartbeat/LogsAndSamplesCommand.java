package dev.vectorflow.ports.in.heartbeat;

import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.LogBatch;
import dev.vectorflow.ports.out.telemetry.EventSample;
import java.util.List;
import java.util.Objects;

/** Input of {@link ReceiveLogsAndSamplesUseCase}: log lines and sample results sent apart from a heartbeat. */
public record LogsAndSamplesCommand(AgentIdentity agent, List<LogBatch> logs, List<EventSample> samples) {

    public LogsAndSamplesCommand {
        Objects.requireNonNull(agent, "agent");
        logs = List.copyOf(logs);
        samples = List.copyOf(samples);
    }
}
