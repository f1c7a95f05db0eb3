package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.SampleResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The rows the heartbeat path hands to the {@link TelemetryWriter}. */
public final class TelemetryBatch {

    private TelemetryBatch() {
    }

    /** What the node says about itself, written only when it differs from what was written last. */
    public record NodeFacts(String agentVersion, String vectorVersion, String deploymentMode, Labels agentLabels, String updateError) {
    }

    /** One pipeline's state on one node, written only when status, version, checksum, pid or error changed. */
    public record PipelineState(PipelineId pipelineId, Integer version, String checksum, PipelineRunStatus status, Long pid,
                                Optional<Instant> runningSince, String error) {

        /**
         * True when nothing worth writing changed: same version, checksum, status, pid and error, and a start time
         * within a few seconds (it is derived from the uptime an agent reports, so it jitters).
         */
        public boolean sameAs(PipelineState other) {
            if (other == null || !java.util.Objects.equals(version, other.version) || !java.util.Objects.equals(checksum, other.checksum)
                    || status != other.status || !java.util.Objects.equals(pid, other.pid) || !java.util.Objects.equals(error, other.error)
                    || runningSince.isPresent() != other.runningSince.isPresent()) {
                return false;
            }
            return runningSince.isEmpty()
                    || java.time.Duration.between(runningSince.get(), other.runningSince.get()).abs().compareTo(java.time.Duration.ofSeconds(5)) <= 0;
        }
    }

    /** A log line of a pipeline's Vector process. */
    public record LogLine(PipelineId pipelineId, Instant at, String line) {
    }

    /**
     * What one heartbeat changed: always the time and status; the rest only when there is something.
     * {@code reportedPipelines} is set when the set of pipelines the node runs changed (rows of others are removed).
     */
    public record Heartbeat(NodeId nodeId, Instant at, NodeStatus status, String statusReason, Optional<NodeFacts> facts,
                            List<PipelineState> pipelineStates, Optional<Set<PipelineId>> reportedPipelines, List<LogLine> logs,
                            List<SampleResult> samples, List<ActionResult> actionResults, Optional<String> settledUpdateVersion) {

        public Heartbeat {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
            statusReason = Objects.requireNonNullElse(statusReason, "");
            pipelineStates = List.copyOf(pipelineStates);
            logs = List.copyOf(logs);
            samples = List.copyOf(samples);
            actionResults = List.copyOf(actionResults);
        }
    }

    /** Host metrics of one node over one minute: gauges averaged, counters turned into per-second rates. */
    public record HostMinute(NodeId nodeId, Instant minute, int samples, Double cpuPercent, Double loadAvg1, Long memoryUsedBytes,
                             Long memoryTotalBytes, Long fsUsedBytes, Long fsTotalBytes, Double diskReadBytesPerSec,
                             Double diskWrittenBytesPerSec, Double netRxBytesPerSec, Double netTxBytesPerSec) {
    }

    /** What one component of a pipeline did over one minute on the nodes this server heard from (sums of counter deltas). */
    public record ComponentMinute(PipelineId pipelineId, String componentId, String componentKind, Instant minute, long eventsIn,
                                  long eventsOut, long bytesIn, long bytesOut, long errors, long discarded) {
    }
}
