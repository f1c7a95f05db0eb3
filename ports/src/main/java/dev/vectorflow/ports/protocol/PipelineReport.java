package dev.vectorflow.ports.protocol;

import java.util.List;

/**
 * Protocol v1: what an agent reports about one pipeline it runs. {@code status} is one of
 * {@link PipelineReport#STATUSES} on the wire; the server stores anything else as UNKNOWN.
 */
public record PipelineReport(String pipelineId, Integer version, String configChecksum, String status, Long pid,
                             Long uptimeSeconds, Long eventsIn, Long eventsOut, Long bytesIn, Long bytesOut,
                             Long errorsTotal, Long eventsDiscarded, List<ComponentMetrics> componentMetrics,
                             String error) {

    /** The status values of protocol v1. */
    public static final List<String> STATUSES =
            List.of("STARTING", "RUNNING", "STOPPED", "CRASHED", "CRASH_LOOP", "PENDING", "FAILED");

    public PipelineReport {
        componentMetrics = componentMetrics == null ? List.of() : List.copyOf(componentMetrics);
    }
}
