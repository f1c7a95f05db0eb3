package dev.vectorflow.ports.protocol;

import java.util.List;
import java.util.Map;

/** Protocol v1: the periodic report of {@code POST /api/agent/heartbeat}. Every part may be absent. */
public record HeartbeatRequest(String agentVersion, String vectorVersion, String deploymentMode,
                               Map<String, String> labels, HostMetrics hostMetrics, List<PipelineReport> pipelines,
                               List<PipelineLogs> logs, List<SampleResult> sampleResults,
                               List<ActionResult> actionResults, String updateError) {

    /** Deployment modes of protocol v1. */
    public static final List<String> DEPLOYMENT_MODES = List.of("STANDALONE", "DOCKER", "UNKNOWN");

    public HeartbeatRequest {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        pipelines = pipelines == null ? List.of() : List.copyOf(pipelines);
        logs = logs == null ? List.of() : List.copyOf(logs);
        sampleResults = sampleResults == null ? List.of() : List.copyOf(sampleResults);
        actionResults = actionResults == null ? List.of() : List.copyOf(actionResults);
    }
}
