package dev.vectorflow.ports.in.heartbeat;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.telemetry.EventSample;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Input of {@link ReceiveHeartbeatUseCase}: one agent's report, typed and cleaned. Pipelines are named by their ids and
 * statuses are values of {@link PipelineRunStatus}; every text is cut to what is stored. Entries the agent sent with
 * an id that names no pipeline are left out before a command is built.
 */
public record HeartbeatCommand(AgentIdentity agent, String agentVersion, String vectorVersion, String deploymentMode, Labels labels,
                               Optional<HostReading> host, List<ReportedPipeline> pipelines, List<LogBatch> logs,
                               List<EventSample> samples, List<ActionResult> actionResults, String updateError) {

    /** Deployment modes an agent reports; anything else is UNKNOWN. */
    public static final List<String> DEPLOYMENT_MODES = List.of("STANDALONE", "DOCKER", "UNKNOWN");

    public HeartbeatCommand {
        Objects.requireNonNull(agent, "agent");
        agentVersion = AgentText.line(agentVersion, 100);
        vectorVersion = AgentText.line(vectorVersion, 300);
        deploymentMode = deploymentMode != null && DEPLOYMENT_MODES.contains(deploymentMode) ? deploymentMode : "UNKNOWN";
        labels = labels == null ? Labels.NONE : labels;
        Objects.requireNonNull(host, "host");
        pipelines = List.copyOf(pipelines);
        logs = List.copyOf(logs);
        samples = List.copyOf(samples);
        actionResults = List.copyOf(actionResults);
        updateError = AgentText.line(updateError, 2000);
    }

    /** What the agent reports about one pipeline it runs; counters are cumulative since its Vector process started. */
    public record ReportedPipeline(PipelineId pipelineId, Integer version, String checksum, PipelineRunStatus status, Long pid,
                                   Long uptimeSeconds, Long eventsIn, Long eventsOut, Long bytesIn, Long bytesOut, Long errorsTotal,
                                   Long eventsDiscarded, List<ComponentCounters> components, String error) {
        public ReportedPipeline {
            Objects.requireNonNull(pipelineId, "pipelineId");
            status = status == null ? PipelineRunStatus.UNKNOWN : status;
            components = List.copyOf(components);
            error = AgentText.block(error);
        }
    }

    /** Cumulative counters of one component of a running pipeline; any of them may be absent. */
    public record ComponentCounters(String componentId, String componentKind, Long receivedEvents, Long sentEvents, Long receivedBytes,
                                    Long sentBytes, Long errorsTotal, Long discardedEvents) {
    }

    /** Host counters (CPU, disk, network: cumulative) and gauges (memory, file system, load); any of them may be absent. */
    public record HostReading(Double cpuSecondsTotal, Double cpuSecondsIdle, Double loadAvg1, Double loadAvg5, Double loadAvg15,
                              Long memoryTotalBytes, Long memoryUsedBytes, Long memoryFreeBytes, Long fsTotalBytes, Long fsUsedBytes,
                              Long fsFreeBytes, Long diskReadBytes, Long diskWrittenBytes, Long netRxBytes, Long netTxBytes) {
    }

    /** New log lines of one pipeline, oldest first: at most {@link #MAX_LINES} (the newest), each cut to what is stored. */
    public record LogBatch(PipelineId pipelineId, List<String> lines) {

        /** Most lines taken per pipeline from one call; the agent's ring buffer holds the rest. */
        public static final int MAX_LINES = 1000;

        public LogBatch {
            Objects.requireNonNull(pipelineId, "pipelineId");
            List<String> kept = lines.size() > MAX_LINES ? lines.subList(lines.size() - MAX_LINES, lines.size()) : lines;
            lines = kept.stream().filter(Objects::nonNull).map(AgentText::block).toList();
        }
    }

    /** How the agent settled a one-shot action. */
    public record ActionResult(String actionId, boolean succeeded, String message) {
        public ActionResult {
            if (actionId == null || actionId.isBlank()) {
                throw new IllegalArgumentException("'actionId' must not be blank");
            }
            actionId = AgentText.block(actionId);
            message = AgentText.block(message);
        }
    }
}
