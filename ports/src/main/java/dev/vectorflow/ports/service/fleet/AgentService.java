package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.DesiredState;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.NodeToken;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.agent.ActionResult;
import dev.vectorflow.ports.in.agent.ConfigRequest;
import dev.vectorflow.ports.in.agent.HeartbeatRequest;
import dev.vectorflow.ports.in.agent.HeartbeatResponse;
import dev.vectorflow.ports.in.agent.PendingAction;
import dev.vectorflow.ports.in.agent.PipelineConfig;
import dev.vectorflow.ports.in.agent.PipelineLogs;
import dev.vectorflow.ports.in.agent.PipelineReport;
import dev.vectorflow.ports.in.agent.SampleResult;
import dev.vectorflow.ports.in.fleet.ServeAgentUseCase;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.NodeActionRepository;
import dev.vectorflow.ports.out.fleet.NodeRepository;
import dev.vectorflow.ports.out.fleet.TelemetryBatch;
import dev.vectorflow.ports.out.fleet.TelemetryWriter;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent API behind protocol v1, built for tens of thousands of agents per server: a heartbeat reads only caches
 * (token → node, environment → deployed pipelines, node → one-shot actions), derives the pending actions from desired
 * vs reported state, hands what changed to the write-behind {@link TelemetryWriter} and answers. Static facts and
 * pipeline states are written only when they change.
 */
public final class AgentService implements ServeAgentUseCase {

    /** Longest log line kept; longer ones are cut (with a marker). */
    static final int MAX_LINE_CHARS = 8192;
    /** Most lines taken per pipeline from one call; the agent's ring buffer holds the rest. */
    static final int MAX_LINES_PER_PIPELINE = 1000;
    private static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    // compiled once: the heartbeat path runs thousands of times a second
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");
    private static final Duration SETTLED_MEMORY = Duration.ofMinutes(10);

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final NodeActionRepository actions;
    private final FleetCache cache;
    private final TelemetryWriter writer;
    private final DesiredStates desiredStates;
    private final LiveTelemetry live;
    private final FleetTuning settings;
    private final Clock clock;
    private final ConcurrentHashMap<NodeId, Written> written = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> recentlySettled = new ConcurrentHashMap<>();

    /**
     * What this server last handed to the writer for a node, so that unchanged facts are not written again. It is
     * forgotten when the writer drops the node's heartbeat, and every {@link #REWRITE_EVERY} in any case: whatever
     * else made the stored state differ (another server, a restored database) cannot last longer than that.
     */
    private static final class Written {
        TelemetryBatch.NodeFacts facts;
        NodeStatus status;
        final Map<PipelineId, TelemetryBatch.PipelineState> states = new HashMap<>();
        Set<PipelineId> reported;
        Instant since;

        Written(Instant now) {
            since = now;
        }

        void forget(Instant now) {
            facts = null;
            states.clear();
            reported = null;
            since = now;
        }
    }

    static final Duration REWRITE_EVERY = Duration.ofMinutes(5);

    public AgentService(Transactions transactions, NodeRepository nodes, NodeActionRepository actions, FleetCache cache,
                        TelemetryWriter writer, DesiredStates desiredStates, LiveTelemetry live, FleetTuning settings, Clock clock) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.actions = actions;
        this.cache = cache;
        this.writer = writer;
        this.desiredStates = desiredStates;
        this.live = live;
        this.settings = settings;
        this.clock = clock;
        writer.whenDropped(this::forgetWritten);
    }

    /** The writer could not store these nodes' last heartbeats: their next ones write everything again. */
    private void forgetWritten(Set<NodeId> dropped) {
        Instant now = clock.instant();
        for (NodeId node : dropped) {
            Written w = written.get(node);
            if (w != null) {
                synchronized (w) {
                    w.forget(now);
                }
            }
        }
    }

    /** After a restore replaced the stored fleet: every node's next heartbeat writes everything it reports again. */
    public void forgetReportedState() {
        written.clear();
        recentlySettled.clear();
    }

    /** Loads what every heartbeat needs for all nodes at once, so that a restarted server does not meet its fleet cold. */
    public int warmUp() {
        return transactions.inTransaction(() -> {
            List<Node> all = nodes.findAll();
            all.forEach(cache::putNode);
            nodes.allCredentials().forEach(cache::putCredential);
            Map<NodeId, List<PendingAction>> pending = actions.allPending();
            all.forEach(n -> cache.putOneShotActions(n.id(), pending.getOrDefault(n.id(), List.of())));
            return all.size();
        });
    }

    @Override
    public Optional<AgentIdentity> authenticate(String bearerToken) {
        Optional<NodeToken> token = NodeToken.parse(bearerToken);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<NodeRepository.NodeCredential> credential = cache.credential(token.get().lookupId(),
                lookup -> transactions.inTransaction(() -> nodes.credentialByLookup(lookup)));
        if (credential.isEmpty() || credential.get().revoked() || !token.get().matches(credential.get().tokenHash())) {
            return Optional.empty();
        }
        return Optional.of(new AgentIdentity(credential.get().nodeId(), credential.get().environmentId()));
    }

    private Optional<Node> node(NodeId id) {
        return cache.node(id, n -> transactions.inTransaction(() -> nodes.findById(n)));
    }

    @Override
    public HeartbeatOutcome heartbeat(AgentIdentity agent, HeartbeatRequest request) {
        Instant now = clock.instant();
        Optional<Node> found = node(agent.nodeId());
        if (found.isEmpty()) {
            // deleted a moment ago: the next call gets 401
            return new Answered(new HeartbeatResponse(true, settings.pollInterval().toMillis(), List.of()));
        }
        Node node = withReportedLabels(found.get(), request.labels());
        var plan = desiredStates.plan(agent.environmentId());
        DesiredState desired = DesiredState.forNode(node.labels(), node.maintenance(), plan.deployed());

        List<DesiredState.Reported> reported = new ArrayList<>();
        List<TelemetryBatch.PipelineState> states = new ArrayList<>();
        Set<PipelineId> running = new LinkedHashSet<>();
        List<String> failing = new ArrayList<>();
        for (PipelineReport report : request.pipelines()) {
            Optional<PipelineId> id = pipelineId(report.pipelineId());
            if (id.isEmpty()) {
                continue;
            }
            PipelineRunStatus status = PipelineRunStatus.fromWire(report.status());
            reported.add(new DesiredState.Reported(id.get(), report.version(), report.configChecksum(), status));
            String name = plan.pipelineNames().get(id.get());
            if (name == null) {
                continue; // not a pipeline of this node's environment: undeployed below, never stored
            }
            running.add(id.get());
            if (status.failing()) {
                failing.add(name + " is " + status + (report.error() == null || report.error().isBlank() ? "" : ": " + firstLine(report.error())));
            }
            Optional<Instant> since = report.uptimeSeconds() == null || status != PipelineRunStatus.RUNNING
                    ? Optional.empty() : Optional.of(now.minusSeconds(report.uptimeSeconds()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            states.add(new TelemetryBatch.PipelineState(id.get(), report.version(), report.configChecksum(), status, report.pid(), since,
                    report.error() == null ? "" : cut(report.error())));
        }

        List<PendingAction> pending = new ArrayList<>();
        for (DesiredState.Action action : desired.actionsAgainst(reported)) {
            switch (action) {
                case DesiredState.Deploy deploy -> pending.add(PendingAction.deploy(deploy.id(), deploy.target().pipelineId().toString(),
                        deploy.target().pipelineName(), deploy.target().version(), deploy.target().checksum()));
                case DesiredState.Undeploy undeploy -> pending.add(PendingAction.undeploy(undeploy.id(), undeploy.pipelineId().toString()));
            }
        }
        Set<String> settledNow = new HashSet<>();
        request.actionResults().forEach(r -> {
            if (r.actionId() != null) {
                settledNow.add(r.actionId());
            }
        });
        Set<String> sampledNow = new HashSet<>();
        request.sampleResults().forEach(r -> sampledNow.add(r.requestId()));
        Optional<String> reportedVersion = Optional.ofNullable(request.agentVersion()).filter(v -> !v.isBlank());
        // an update is settled (in the database, and in every server's cache through the writer's change notice) when the
        // agent reports its target version; only then, so that a heartbeat without a pending update writes nothing for it
        Optional<String> updatedTo = Optional.empty();
        for (PendingAction oneShot : oneShotActions(agent.nodeId())) {
            boolean updateDone = PendingAction.UPDATE.equals(oneShot.type()) && reportedVersion.isPresent()
                    && reportedVersion.get().equals(oneShot.targetVersion());
            boolean sampled = oneShot.requestId() != null && sampledNow.contains(oneShot.requestId());
            if (sampled || updateDone) {
                settledNow.add(oneShot.id());
            }
            if (updateDone) {
                updatedTo = reportedVersion;
            }
            if (!settledNow.contains(oneShot.id()) && !recentlySettled.containsKey(oneShot.id())) {
                pending.add(oneShot);
            }
        }

        NodeStatus status = failing.isEmpty() ? NodeStatus.HEALTHY : NodeStatus.DEGRADED;
        String reason = failing.isEmpty() ? "heartbeat" : String.join("; ", failing);
        TelemetryBatch.NodeFacts facts = new TelemetryBatch.NodeFacts(text(request.agentVersion(), 100), text(request.vectorVersion(), 300),
                deploymentMode(request.deploymentMode()), node.agentLabels(), text(request.updateError(), 2000));
        Written last = written.computeIfAbsent(agent.nodeId(), n -> new Written(now));
        TelemetryBatch.Heartbeat write;
        synchronized (last) {
            if (Duration.between(last.since, now).compareTo(REWRITE_EVERY) >= 0) {
                last.forget(now);
            }
            List<TelemetryBatch.PipelineState> changed = states.stream().filter(s -> !s.sameAs(last.states.get(s.pipelineId()))).toList();
            boolean setChanged = !running.equals(last.reported);
            write = new TelemetryBatch.Heartbeat(agent.nodeId(), now, status, reason,
                    facts.equals(last.facts) ? Optional.empty() : Optional.of(facts), changed,
                    setChanged ? Optional.of(Set.copyOf(running)) : Optional.empty(), logLines(request.logs(), plan.pipelineNames(), now),
                    samplesOf(request.sampleResults()), settlements(request.actionResults()), updatedTo);
            if (!writer.offer(write)) {
                return new Busy(BUSY_RETRY);
            }
            // only what changed replaces what is kept: an equal copy per heartbeat would live one interval and
            // then die in the old generation, the costliest garbage for the collector
            if (write.facts().isPresent()) {
                last.facts = facts;
            }
            last.status = status;
            changed.forEach(s -> last.states.put(s.pipelineId(), s));
            if (setChanged) {
                last.states.keySet().retainAll(running);
                last.reported = write.reportedPipelines().orElseThrow();
            }
        }
        settledNow.forEach(id -> recentlySettled.put(id, now));
        if (request.hostMetrics() != null) {
            live.recordHost(agent.nodeId(), now, request.hostMetrics());
        }
        for (PipelineReport report : request.pipelines()) {
            pipelineId(report.pipelineId()).filter(running::contains).ifPresent(id -> live.recordPipeline(agent.nodeId(), id, now,
                    LiveTelemetry.counters(report.eventsIn(), report.eventsOut(), report.bytesIn(), report.bytesOut(), report.errorsTotal(),
                            report.eventsDiscarded()),
                    report.componentMetrics().stream().filter(AgentService::storableComponent).toList()));
        }
        live.retainPipelines(agent.nodeId(), running);
        return new Answered(new HeartbeatResponse(true, settings.pollInterval().toMillis(), pending));
    }

    /** Components of the agent's own sidecar ({@code vf_} ids) and ids no pipeline can have are not stored. */
    private static boolean storableComponent(dev.vectorflow.ports.in.agent.ComponentMetrics c) {
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

    private Node withReportedLabels(Node node, Map<String, String> reported) {
        if (reported.isEmpty() || reported.equals(node.agentLabels().values())) {
            return node; // no labels sent (it keeps the ones it had), or the same as last time: nothing to check or build
        }
        Labels labels;
        try {
            labels = Labels.of(reported);
        } catch (IllegalArgumentException invalid) {
            return node; // keep what we had; the HTTP edge already told the agent which labels it refused
        }
        if (labels.equals(node.agentLabels())) {
            return node;
        }
        Node changed = new Node(node.id(), node.environmentId(), node.hostname(), node.os(), node.agentVersion(), node.vectorVersion(),
                node.deploymentMode(), labels, node.userLabels(), node.maintenance(), node.status(), node.statusReason(),
                node.enrolledAt(), node.lastHeartbeatAt(), node.tokenRevoked(), node.updateError());
        cache.putNode(changed);
        return changed;
    }

    private List<PendingAction> oneShotActions(NodeId node) {
        return cache.oneShotActions(node, n -> transactions.inTransaction(() -> actions.pending(n)));
    }

    private static List<ActionResult> settlements(List<ActionResult> results) {
        return results.stream().filter(r -> r.actionId() != null && !r.actionId().isBlank())
                .map(r -> new ActionResult(cut(r.actionId()), ActionResult.FAILED.equals(r.status()) ? ActionResult.FAILED : ActionResult.SUCCEEDED,
                        r.message() == null ? "" : cut(r.message())))
                .toList();
    }

    private static List<SampleResult> samplesOf(List<SampleResult> results) {
        return results.stream().filter(r -> r.requestId() != null && r.componentKey() != null).toList();
    }

    private static List<TelemetryBatch.LogLine> logLines(List<PipelineLogs> logs, Map<PipelineId, String> ofEnvironment, Instant now) {
        List<TelemetryBatch.LogLine> lines = new ArrayList<>();
        for (PipelineLogs batch : logs) {
            Optional<PipelineId> id = pipelineId(batch.pipelineId()).filter(ofEnvironment::containsKey);
            if (id.isEmpty()) {
                continue;
            }
            List<String> kept = batch.lines().size() > MAX_LINES_PER_PIPELINE
                    ? batch.lines().subList(batch.lines().size() - MAX_LINES_PER_PIPELINE, batch.lines().size()) : batch.lines();
            for (String line : kept) {
                if (line != null) {
                    lines.add(new TelemetryBatch.LogLine(id.get(), now, cut(line)));
                }
            }
        }
        return lines;
    }

    static Optional<PipelineId> pipelineId(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PipelineId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String cut(String text) {
        String clean = text.replace('\u0000', ' ');
        return clean.length() <= MAX_LINE_CHARS ? clean : clean.substring(0, MAX_LINE_CHARS) + " …[cut]";
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static String text(String value, int max) {
        if (value == null) {
            return "";
        }
        String clean = CONTROL.matcher(value.strip()).replaceAll(" ");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static String deploymentMode(String mode) {
        return mode != null && dev.vectorflow.ports.in.agent.HeartbeatRequest.DEPLOYMENT_MODES.contains(mode) ? mode : "UNKNOWN";
    }

    @Override
    public PipelineConfig config(AgentIdentity agent, ConfigRequest request) throws NotFoundFailure {
        Optional<PipelineId> id = pipelineId(request.pipelineId());
        DesiredState desired = desiredFor(agent);
        DesiredPipeline target = id.map(desired.pipelines()::get).orElse(null);
        if (target == null || (request.version() != null && request.version() != target.version())) {
            throw new NotFoundFailure("Pipeline deployment for this node", request.pipelineId() + (request.version() == null ? "" : " v" + request.version()));
        }
        return desiredStates.deliver(agent.environmentId(), target);
    }

    @Override
    public dev.vectorflow.ports.in.agent.DesiredState desiredState(AgentIdentity agent) {
        List<PipelineConfig> configs = new ArrayList<>();
        for (DesiredPipeline target : desiredFor(agent).pipelines().values()) {
            try {
                configs.add(desiredStates.deliver(agent.environmentId(), target));
            } catch (NotFoundFailure gone) {
                // undeployed or deleted while we read: not part of the desired state any more
            }
        }
        configs.sort(java.util.Comparator.comparing(PipelineConfig::pipelineName));
        return new dev.vectorflow.ports.in.agent.DesiredState(configs, settings.pollInterval().toMillis());
    }

    private DesiredState desiredFor(AgentIdentity agent) {
        Optional<Node> node = node(agent.nodeId());
        if (node.isEmpty()) {
            return new DesiredState(Map.of());
        }
        return DesiredState.forNode(node.get().labels(), node.get().maintenance(), desiredStates.plan(agent.environmentId()).deployed());
    }

    @Override
    public HeartbeatOutcome acceptLogs(AgentIdentity agent, List<PipelineLogs> logs) {
        return sideChannel(agent, logs, List.of());
    }

    @Override
    public HeartbeatOutcome acceptSamples(AgentIdentity agent, List<SampleResult> results) {
        return sideChannel(agent, List.of(), results);
    }

    private HeartbeatOutcome sideChannel(AgentIdentity agent, List<PipelineLogs> logs, List<SampleResult> samples) {
        Instant now = clock.instant();
        var plan = desiredStates.plan(agent.environmentId());
        Written last = written.get(agent.nodeId());
        NodeStatus status = last == null || last.status == null ? NodeStatus.HEALTHY : last.status;
        boolean ok = writer.offer(new TelemetryBatch.Heartbeat(agent.nodeId(), now, status, "heartbeat", Optional.empty(), List.of(),
                Optional.empty(), logLines(logs, plan.pipelineNames(), now), samplesOf(samples), List.of(), Optional.empty()));
        return ok ? new Answered(new HeartbeatResponse(true, settings.pollInterval().toMillis(), List.of())) : new Busy(BUSY_RETRY);
    }

    /** Forgets what this server remembers about a node (deleted or re-enrolled). */
    void forget(NodeId node) {
        written.remove(node);
        live.forget(node);
    }

    /** Drops settled action ids older than a while (called by the periodic flush). */
    void expireSettled(Instant now) {
        recentlySettled.values().removeIf(at -> at.isBefore(now.minus(SETTLED_MEMORY)));
    }

    /** Hands finished per-minute rollups to the writer; called every few seconds. */
    public void flushRollups() {
        Instant now = clock.instant();
        LiveTelemetry.Rollups rollups = live.drainFinishedMinutes(now);
        if (!rollups.host().isEmpty() || !rollups.components().isEmpty()) {
            writer.offerRollups(rollups.host(), rollups.components());
        }
        expireSettled(now);
    }
}
