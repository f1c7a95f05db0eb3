package dev.vectorflow.ports.service.heartbeat;

import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ReportedPipeline;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.PipelineState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node's pipeline reports judged against its environment: what it runs (for reconciling, all of them), the states to
 * store (only its environment's pipelines), and its health (DEGRADED while one of them is failing, with why).
 */
record ReportedPipelines(List<DesiredPipelines.Reported> reported, List<PipelineState> states, Set<PipelineId> running,
                         NodeStatus status, String statusReason) {

    static ReportedPipelines of(List<ReportedPipeline> reports, Map<PipelineId, String> environmentPipelines, Instant now) {
        List<DesiredPipelines.Reported> reported = new ArrayList<>();
        List<PipelineState> states = new ArrayList<>();
        Set<PipelineId> running = new LinkedHashSet<>();
        List<String> failing = new ArrayList<>();
        for (ReportedPipeline report : reports) {
            PipelineRunStatus status = report.status();
            reported.add(new DesiredPipelines.Reported(report.pipelineId(), report.version(), report.checksum(), status));
            String name = environmentPipelines.get(report.pipelineId());
            if (name == null) {
                continue; // not a pipeline of this node's environment: undeployed, never stored
            }
            running.add(report.pipelineId());
            if (status.failing()) {
                failing.add(name + " is " + status + (report.error().isBlank() ? "" : ": " + firstLine(report.error())));
            }
            Optional<Instant> since = report.uptimeSeconds() == null || status != PipelineRunStatus.RUNNING
                    ? Optional.empty() : Optional.of(now.minusSeconds(report.uptimeSeconds()).truncatedTo(ChronoUnit.SECONDS));
            states.add(new PipelineState(report.pipelineId(), report.version(), report.checksum(), status, report.pid(), since, report.error()));
        }
        return failing.isEmpty()
                ? new ReportedPipelines(reported, states, running, NodeStatus.HEALTHY, "heartbeat")
                : new ReportedPipelines(reported, states, running, NodeStatus.DEGRADED, String.join("; ", failing));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
