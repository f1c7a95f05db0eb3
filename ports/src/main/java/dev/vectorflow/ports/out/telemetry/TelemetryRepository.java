package dev.vectorflow.ports.out.telemetry;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Driven port: reads of what the heartbeats stored, and the retention that bounds it. */
public interface TelemetryRepository {

    /** A stored pipeline state on a node. */
    record StoredPipelineState(NodeId nodeId, PipelineId pipelineId, Integer version, String checksum, String status, Long pid,
                               Optional<Instant> runningSince, String error, Instant updatedAt) {
    }

    /** A stored log line; {@code seq} grows. */
    record StoredLogLine(long seq, PipelineId pipelineId, Instant at, String line) {
    }

    List<StoredPipelineState> pipelineStates(NodeId node);

    /** The pipeline states of several nodes at once (a page of the node list), in no particular order. */
    List<StoredPipelineState> pipelineStates(Collection<NodeId> nodes);

    List<StoredPipelineState> pipelineStatesOf(PipelineId pipeline);

    /** Per step bucket: averages of the host minutes in it. */
    List<HostMinute> hostSeries(NodeId node, Instant from, Instant to, Duration step);

    /** Per component and step bucket: sums over the minutes (and nodes) in it. */
    List<ComponentMinute> componentSeries(PipelineId pipeline, Instant from, Instant to, Duration step);

    List<StoredLogLine> logs(NodeId node, Optional<PipelineId> pipeline, long afterSeq, int limit);

    /** Results that arrived for a sample request. */
    List<EventSample> sampleResults(String requestId);

    /**
     * The newest sample results of some components of a pipeline, taken on any node: only results with events and
     * without an error, newest first, at most {@code limit}.
     */
    List<EventSample> latestSamples(PipelineId pipeline, Collection<String> componentKeys, int limit);

    /** Deletes minute rollups and logs past their retention and keeps at most {@code logLinesPerPipeline} per node and pipeline. */
    long enforceRetention(Instant metricsBefore, Instant logsBefore, int logLinesPerPipeline);

    /** Rolls finished hours of minute rollups up into hourly ones (idempotent). */
    void rollUpHours(Instant before);
}
