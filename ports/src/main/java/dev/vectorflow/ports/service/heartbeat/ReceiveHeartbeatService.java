package dev.vectorflow.ports.service.heartbeat;

import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ComponentCounters;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ReportedPipeline;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.HeartbeatOutcome;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Answered;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Busy;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase;
import dev.vectorflow.ports.out.fleet.EnvironmentPlan;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.NodeFacts;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The heartbeat, built for tens of thousands of agents per server: it reads only caches, derives the deploys and
 * undeploys from desired against reported state, settles one-shot actions, hands what changed to the write-behind
 * writer and feeds the live rates, then answers.
 */
public final class ReceiveHeartbeatService implements ReceiveHeartbeatUseCase {

    /** The shortest wait a busy server asks for. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private final NodeDirectory nodes;
    private final DesiredStates desiredStates;
    private final OneShotSettlement oneShots;
    private final HeartbeatWrites writes;
    private final LiveTelemetry live;
    private final FleetTuning settings;
    private final Clock clock;

    public ReceiveHeartbeatService(NodeDirectory nodes, DesiredStates desiredStates, OneShotSettlement oneShots, HeartbeatWrites writes,
                                   LiveTelemetry live, FleetTuning settings, Clock clock) {
        this.nodes = nodes;
        this.desiredStates = desiredStates;
        this.oneShots = oneShots;
        this.writes = writes;
        this.live = live;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Come back after one poll interval (at least {@link #BUSY_RETRY}): an agent waits between that and twice it, so a
     * busy server gets fewer calls from the agents it turned away than from the others, not more.
     */
    static Busy busyAnswer(Duration pollInterval) {
        return new Busy(pollInterval.compareTo(BUSY_RETRY) > 0 ? pollInterval : BUSY_RETRY);
    }

    /** Busy while the write queue has no room, the call then counted as refused; shared with the logs-and-samples calls. */
    static Optional<Busy> busyWhileFull(HeartbeatWrites writes, Duration pollInterval) {
        if (!writes.full()) {
            return Optional.empty();
        }
        writes.refused();
        return Optional.of(busyAnswer(pollInterval));
    }

    @Override
    public Optional<Busy> busy() {
        return busyWhileFull(writes, settings.pollInterval());
    }

    @Override
    public HeartbeatOutcome receiveHeartbeat(HeartbeatCommand heartbeat) {
        Instant now = clock.instant();
        NodeId nodeId = heartbeat.agent().nodeId();
        Optional<Node> found = nodes.node(nodeId);
        if (found.isEmpty()) {
            return Answered.nothingToDo(settings.pollInterval()); // deleted a moment ago: the next call gets 401
        }
        Node node = nodes.withReportedLabels(found.get(), heartbeat.labels());
        EnvironmentPlan plan = desiredStates.plan(heartbeat.agent().environmentId());
        ReportedPipelines reports = ReportedPipelines.of(heartbeat.pipelines(), plan.pipelineNames(), now);
        List<DesiredPipelines.Action> changes = plan.desiredFor(node.id(), node.labels(), node.maintenance())
                .actionsAgainst(reports.reported());
        OneShotSettlement.Verdict verdict = oneShots.judge(nodeId, heartbeat);

        NodeFacts facts = new NodeFacts(heartbeat.agentVersion(), heartbeat.vectorVersion(), heartbeat.deploymentMode(), node.agentLabels(),
                heartbeat.updateError());
        boolean queued = writes.offer(new HeartbeatWrites.Report(nodeId, now, reports.status(), reports.statusReason(), facts,
                reports.states(), reports.running(), HeartbeatWrites.logLines(heartbeat.logs(), plan.pipelineNames(), now),
                HeartbeatWrites.storable(heartbeat.samples()), HeartbeatWrites.settlements(heartbeat.actionResults()), verdict.updatedTo()));
        if (!queued) {
            return busyAnswer(settings.pollInterval());
        }
        oneShots.remember(verdict.settled(), now);
        recordLive(heartbeat, reports.running(), now);
        return new Answered(settings.pollInterval(), changes, verdict.stillPending());
    }

    /** Feeds the live rates with the host's and the environment's pipelines' counters. */
    private void recordLive(HeartbeatCommand heartbeat, Set<PipelineId> running, Instant now) {
        NodeId nodeId = heartbeat.agent().nodeId();
        heartbeat.host().ifPresent(host -> live.recordHost(nodeId, now, host));
        for (ReportedPipeline report : heartbeat.pipelines()) {
            if (running.contains(report.pipelineId())) {
                live.recordPipeline(nodeId, report.pipelineId(), now, LiveTelemetry.counters(report.eventsIn(), report.eventsOut(),
                        report.bytesIn(), report.bytesOut(), report.errorsTotal(), report.eventsDiscarded()),
                        storableComponents(report.components()));
            }
        }
        live.retainPipelines(nodeId, running);
    }

    /** The components of a report that are stored: the list itself when all are (the usual case), else a filtered copy. */
    static List<ComponentCounters> storableComponents(List<ComponentCounters> components) {
        for (ComponentCounters c : components) {
            if (!storableComponent(c)) {
                return components.stream().filter(ReceiveHeartbeatService::storableComponent).toList();
            }
        }
        return components;
    }

    /** Components of the agent's own sidecar ({@code vf_} ids) and ids no pipeline can have are not stored. */
    static boolean storableComponent(ComponentCounters c) {
        String id = c.componentId();
        if (id == null || id.isEmpty() || id.length() > 100 || id.startsWith("vf_")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '-')) {
                return false;
            }
        }
        String kind = c.componentKind();
        return kind == null || kind.equals("source") || kind.equals("transform") || kind.equals("sink");
    }
}
