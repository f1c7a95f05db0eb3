package dev.vectorflow.ports.service.telemetry;

import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import java.time.Clock;

/** Hands the per-minute rollups that {@link LiveTelemetry} finished to the writer; run every few seconds. */
public final class RollupFlush {

    private final LiveTelemetry live;
    private final HeartbeatWriter writer;
    private final Clock clock;

    public RollupFlush(LiveTelemetry live, HeartbeatWriter writer, Clock clock) {
        this.live = live;
        this.writer = writer;
        this.clock = clock;
    }

    public void flush() {
        LiveTelemetry.Rollups rollups = live.drainFinishedMinutes(clock.instant());
        if (!rollups.host().isEmpty() || !rollups.components().isEmpty()) {
            writer.offerRollups(rollups.host(), rollups.components());
        }
    }
}
