package dev.vectorflow.adapter.http.heartbeat;

import dev.vectorflow.adapter.http.agent.AgentApi;
import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ComponentCounters;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.HostReading;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.LogBatch;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ReportedPipeline;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Answered;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.HostMetrics;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.ports.protocol.SampleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mapping between protocol v1's heartbeat records and the heartbeat use case: ids and statuses parsed once here,
 * entries that name no pipeline left out (as the server always ignored them), and the answer put in wire form.
 */
final class HeartbeatCommands {

    private HeartbeatCommands() {
    }

    static HeartbeatCommand toCommand(AgentIdentity agent, HeartbeatRequest request) {
        List<ReportedPipeline> pipelines = new ArrayList<>(request.pipelines().size());
        for (PipelineReport report : request.pipelines()) {
            AgentApi.pipelineId(report.pipelineId()).ifPresent(id -> pipelines.add(new ReportedPipeline(id, report.version(), report.configChecksum(),
                    PipelineRunStatus.fromWire(report.status()), report.pid(), report.uptimeSeconds(), report.eventsIn(), report.eventsOut(),
                    report.bytesIn(), report.bytesOut(), report.errorsTotal(), report.eventsDiscarded(), components(report.componentMetrics()),
                    report.error())));
        }
        return new HeartbeatCommand(agent, request.agentVersion(), request.vectorVersion(), request.deploymentMode(), labels(request),
                Optional.ofNullable(request.hostMetrics()).map(HeartbeatCommands::host), pipelines, logs(request.logs()),
                samples(request.sampleResults()), actionResults(request), request.updateError());
    }

    /** The reader keeps only valid labels (and names the rest in {@code rejected}); none sent means "keep the ones you have". */
    private static Labels labels(HeartbeatRequest request) {
        try {
            return request.labels().isEmpty() ? Labels.NONE : Labels.of(request.labels());
        } catch (IllegalArgumentException invalid) {
            return Labels.NONE;
        }
    }

    private static List<ComponentCounters> components(List<ComponentMetrics> metrics) {
        List<ComponentCounters> counters = new ArrayList<>(metrics.size());
        for (ComponentMetrics m : metrics) {
            counters.add(new ComponentCounters(m.componentId(), m.componentKind(), m.receivedEvents(), m.sentEvents(), m.receivedBytes(),
                    m.sentBytes(), m.errorsTotal(), m.discardedEvents()));
        }
        return counters;
    }

    private static HostReading host(HostMetrics h) {
        return new HostReading(h.cpuSecondsTotal(), h.cpuSecondsIdle(), h.loadAvg1(), h.loadAvg5(), h.loadAvg15(), h.memoryTotalBytes(),
                h.memoryUsedBytes(), h.memoryFreeBytes(), h.fsTotalBytes(), h.fsUsedBytes(), h.fsFreeBytes(), h.diskReadBytes(),
                h.diskWrittenBytes(), h.netRxBytes(), h.netTxBytes());
    }

    static List<LogBatch> logs(List<PipelineLogs> logs) {
        List<LogBatch> batches = new ArrayList<>(logs.size());
        for (PipelineLogs batch : logs) {
            AgentApi.pipelineId(batch.pipelineId()).ifPresent(id -> batches.add(new LogBatch(id, batch.lines())));
        }
        return batches;
    }

    static List<EventSample> samples(List<SampleResult> results) {
        if (results.isEmpty()) {
            return List.of(); // nearly every heartbeat: no stream set up for nothing
        }
        return results.stream().map(r -> new EventSample(r.requestId(), r.componentKey(), r.events(),
                r.schema().stream().map(f -> new EventSample.SampleField(f.path(), f.type(), f.sample())).toList(), r.error())).toList();
    }

    private static List<HeartbeatCommand.ActionResult> actionResults(HeartbeatRequest request) {
        if (request.actionResults().isEmpty()) {
            return List.of();
        }
        return request.actionResults().stream().filter(r -> r.actionId() != null && !r.actionId().isBlank())
                .map(r -> new HeartbeatCommand.ActionResult(r.actionId(), !ActionResult.FAILED.equals(r.status()), r.message()))
                .toList();
    }

    /** The answer in protocol form: deploys and undeploys first, then the one-shot actions. */
    static HeartbeatResponse toResponse(Answered answered) {
        List<PendingAction> actions = new ArrayList<>(answered.changes().size() + answered.oneShots().size());
        for (DesiredPipelines.Action change : answered.changes()) {
            actions.add(switch (change) {
                case DesiredPipelines.Deploy deploy -> PendingAction.deploy(deploy.id(), deploy.target().pipelineId().toString(),
                        deploy.target().pipelineName(), deploy.target().version(), deploy.target().checksum());
                case DesiredPipelines.Undeploy undeploy -> PendingAction.undeploy(undeploy.id(), undeploy.pipelineId().toString());
            });
        }
        for (OneShotAction oneShot : answered.oneShots()) {
            actions.add(switch (oneShot) {
                case OneShotAction.Restart r -> PendingAction.restart(r.id(), r.pipelineId().toString());
                case OneShotAction.Sample s -> PendingAction.sample(s.id(), s.requestId(), s.pipelineId().toString(), s.componentKeys(),
                        s.limit());
                case OneShotAction.Preview p -> PendingAction.preview(p.id(), p.requestId(), p.pipelineId().toString());
                case OneShotAction.Update u -> PendingAction.update(u.id(), u.targetVersion(), u.downloadUrl(), u.checksum(), u.signature());
            });
        }
        return new HeartbeatResponse(true, answered.pollInterval().toMillis(), actions);
    }
}
