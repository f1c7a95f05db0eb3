package dev.vectorflow.ports.service.heartbeat;

import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.HeartbeatOutcome;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Answered;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Busy;
import dev.vectorflow.ports.in.heartbeat.LogsAndSamplesCommand;
import dev.vectorflow.ports.in.heartbeat.ReceiveLogsAndSamplesUseCase;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Queues log lines and samples an agent sent apart from its heartbeat, like the parts of a heartbeat. */
public final class ReceiveLogsAndSamplesService implements ReceiveLogsAndSamplesUseCase {

    private final DesiredStates desiredStates;
    private final HeartbeatWrites writes;
    private final FleetTuning settings;
    private final Clock clock;

    public ReceiveLogsAndSamplesService(DesiredStates desiredStates, HeartbeatWrites writes, FleetTuning settings, Clock clock) {
        this.desiredStates = desiredStates;
        this.writes = writes;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Optional<Busy> busy() {
        return ReceiveHeartbeatService.busyWhileFull(writes, settings.pollInterval());
    }

    @Override
    public HeartbeatOutcome receiveLogsAndSamples(LogsAndSamplesCommand command) {
        Instant now = clock.instant();
        EnvironmentPlan plan = desiredStates.plan(command.agent().environmentId());
        boolean queued = writes.offerLogsAndSamples(command.agent().nodeId(), now,
                HeartbeatWrites.logLines(command.logs(), plan.pipelineNames(), now), HeartbeatWrites.storable(command.samples()));
        return queued ? Answered.nothingToDo(settings.pollInterval()) : ReceiveHeartbeatService.busyAnswer(settings.pollInterval());
    }
}
