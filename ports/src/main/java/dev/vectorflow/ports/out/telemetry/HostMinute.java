package dev.vectorflow.ports.out.telemetry;

import dev.vectorflow.core.fleet.NodeId;
import java.time.Instant;

/** Host metrics of one node over one minute: gauges averaged, counters turned into per-second rates. */
public record HostMinute(NodeId nodeId, Instant minute, int samples, Double cpuPercent, Double loadAvg1, Long memoryUsedBytes,
                         Long memoryTotalBytes, Long fsUsedBytes, Long fsTotalBytes, Double diskReadBytesPerSec,
                         Double diskWrittenBytesPerSec, Double netRxBytesPerSec, Double netTxBytesPerSec) {
}
