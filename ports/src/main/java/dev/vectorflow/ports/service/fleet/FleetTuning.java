package dev.vectorflow.ports.service.fleet;

import java.time.Duration;

/**
 * The fleet's tunables as the services read them, at the moment they need them: a fixed {@link FleetSettings}, or
 * {@link StoredFleetTuning}, which follows the settings store so that a change applies without a restart.
 */
public interface FleetTuning {

    Duration pollInterval();

    int unhealthyThreshold();

    Duration metricsRetention();

    Duration logsRetention();

    int logLinesPerPipeline();

    /** Silence longer than this makes a node UNREACHABLE. */
    default Duration unreachableAfter() {
        return pollInterval().multipliedBy(unhealthyThreshold());
    }
}
