package dev.vectorflow.ports.service.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * The fleet's tunables: how often agents poll, after how many missed polls a node is UNREACHABLE, how long telemetry
 * is kept, and how many log lines are kept per node and pipeline.
 */
public record FleetSettings(Duration pollInterval, int unhealthyThreshold, Duration metricsRetention, Duration logsRetention,
                            int logLinesPerPipeline) implements FleetTuning {

    public static final FleetSettings DEFAULTS = new FleetSettings(Duration.ofSeconds(15), 3, Duration.ofDays(7), Duration.ofDays(3), 1000);

    public FleetSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("'pollInterval' must be at least 100 ms but was " + pollInterval);
        }
        if (unhealthyThreshold < 1) {
            throw new IllegalArgumentException("'unhealthyThreshold' must be 1 or more but was " + unhealthyThreshold);
        }
        Objects.requireNonNull(metricsRetention, "metricsRetention");
        Objects.requireNonNull(logsRetention, "logsRetention");
        if (logLinesPerPipeline < 1) {
            throw new IllegalArgumentException("'logLinesPerPipeline' must be 1 or more but was " + logLinesPerPipeline);
        }
    }

    /** Silence longer than this makes a node UNREACHABLE. */
    @Override
    public Duration unreachableAfter() {
        return pollInterval.multipliedBy(unhealthyThreshold);
    }
}
