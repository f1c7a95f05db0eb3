package dev.vectorflow.ports.in.telemetry;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads of the metrics the heartbeats brought: a node's host and a pipeline's components over time, and their latest rates. */
public interface MetricsQueries {

    /** The most points one series answers (the range divided by the step). */
    int MAX_POINTS = 2000;

    /** Latest cumulative counters and per-second rates of a pipeline or component. */
    record LiveCounters(long eventsIn, long eventsOut, long bytesIn, long bytesOut, long errors, long discarded,
                        double eventsInPerSec, double eventsOutPerSec, double bytesInPerSec, double bytesOutPerSec,
                        double errorsPerSec, double discardedPerSec) {
    }

    /** Latest host gauges of a node. */
    record HostNow(Instant at, Double cpuPercent, Double loadAvg1, Long memoryUsedBytes, Long memoryTotalBytes, Long fsUsedBytes,
                   Long fsTotalBytes) {
    }

    /** Totals over nodes and per component, per step bucket; {@code live} holds the latest rates per component. */
    record PipelineMetrics(Duration step, List<ComponentMinute> totals, Map<String, List<ComponentMinute>> components,
                           Map<String, LiveCounters> live) {
    }

    /** Per step bucket over {@code from}..{@code to}: at least a minute, at most 2,000 points. */
    List<HostMinute> nodeMetrics(NodeId node, Instant from, Instant to, Duration step) throws NotFoundFailure;

    PipelineMetrics pipelineMetrics(PipelineId pipeline, Instant from, Instant to, Duration step) throws NotFoundFailure;
}
