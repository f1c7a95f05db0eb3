package dev.vectorflow.ports.out.heartbeat;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.telemetry.EventSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one heartbeat changed, as the {@link HeartbeatWriter} stores it: always the time and status; the rest only when
 * there is something. {@code reportedPipelines} is set when the set of pipelines the node runs changed (rows of others
 * are removed).
 */
public record HeartbeatWrite(NodeId nodeId, Instant at, NodeStatus status, String statusReason, Optional<NodeFacts> facts,
                             List<PipelineState> pipelineStates, Optional<Set<PipelineId>> reportedPipelines, List<LogLine> logs,
                             List<EventSample> samples, List<ActionSettlement> actionResults, Optional<String> settledUpdateVersion) {

    public HeartbeatWrite {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        statusReason = Objects.requireNonNullElse(statusReason, "");
        pipelineStates = List.copyOf(pipelineStates);
        logs = List.copyOf(logs);
        samples = List.copyOf(samples);
        actionResults = List.copyOf(actionResults);
    }

    /** What the node says about itself, written only when it differs from what was written last. */
    public record NodeFacts(String agentVersion, String vectorVersion, String deploymentMode, Labels agentLabels, String updateError) {
    }

    /** One pipeline's state on one node, written only when status, version, checksum, pid or error changed. */
    public record PipelineState(PipelineId pipelineId, Integer version, String checksum, PipelineRunStatus status, Long pid,
                                Optional<Instant> runningSince, String error) {

        /** How far apart two start times of the same run may lie (derived from a reported uptime, they jitter). */
        public static final Duration START_JITTER = Duration.ofSeconds(5);

        /**
         * True when nothing worth writing changed: same version, checksum, status, pid and error, and a start time
         * within a few seconds (it is derived from the uptime an agent reports, so it jitters).
         */
        public boolean sameAs(PipelineState other) {
            if (other == null || !Objects.equals(version, other.version) || !Objects.equals(checksum, other.checksum)
                    || status != other.status || !Objects.equals(pid, other.pid) || !Objects.equals(error, other.error)
                    || runningSince.isPresent() != other.runningSince.isPresent()) {
                return false;
            }
            return runningSince.isEmpty()
                    || Duration.between(runningSince.get(), other.runningSince.get()).abs().compareTo(START_JITTER) <= 0;
        }
    }

    /** A log line of a pipeline's Vector process. */
    public record LogLine(PipelineId pipelineId, Instant at, String line) {
    }

    /** How the agent settled a one-shot action. */
    public record ActionSettlement(String actionId, boolean succeeded, String message) {

        /** The stored result status: {@code SUCCEEDED} or {@code FAILED}. */
        public String status() {
            return succeeded ? "SUCCEEDED" : "FAILED";
        }
    }
}
