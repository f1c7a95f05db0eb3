package dev.vectorflow.ports.protocol;

/**
 * Protocol v1: host counters and gauges of one heartbeat. CPU, disk and network values are cumulative
 * counters (the server derives rates); memory, file system and load are gauges. Any field may be absent.
 */
public record HostMetrics(Double cpuSecondsTotal, Double cpuSecondsIdle, Double loadAvg1, Double loadAvg5,
                          Double loadAvg15, Long memoryTotalBytes, Long memoryUsedBytes, Long memoryFreeBytes,
                          Long fsTotalBytes, Long fsUsedBytes, Long fsFreeBytes, Long diskReadBytes,
                          Long diskWrittenBytes, Long netRxBytes, Long netTxBytes) {
}
