package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.DesiredState;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.agent.PendingAction;
import dev.vectorflow.ports.in.fleet.DeployPipelineUseCase;
import dev.vectorflow.ports.in.fleet.FleetQueries;
import dev.vectorflow.ports.in.fleet.ManageEnrollmentTokensUseCase.IssuedEnrollmentToken;
import dev.vectorflow.ports.in.fleet.ManageNodesUseCase;
import dev.vectorflow.ports.out.fleet.DeploymentRepository;
import dev.vectorflow.ports.out.fleet.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.fleet.NodeActionRepository;
import dev.vectorflow.ports.out.fleet.NodeRepository;
import dev.vectorflow.ports.out.fleet.TelemetryBatch.ComponentMinute;
import dev.vectorflow.ports.out.fleet.TelemetryBatch.HostMinute;
import dev.vectorflow.ports.out.fleet.TelemetryRepository;
import dev.vectorflow.ports.out.fleet.TelemetryRepository.StoredLogLine;
import dev.vectorflow.ports.out.fleet.TelemetryRepository.StoredPipelineState;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Nodes and deployments as users see and change them, and the reads behind the fleet dashboards. */
public final class FleetService implements ManageNodesUseCase, DeployPipelineUseCase, FleetQueries {

    /** Most points a metrics query answers; a finer step over a long range is refused. */
    static final int MAX_POINTS = 2000;
    static final int MAX_SAMPLE_LIMIT = 100;
    /** Most one-shot actions a node's action list shows. */
    static final int MAX_ACTIONS_LISTED = 100;

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final EnrollmentTokenRepository tokens;
    private final EnrollmentService enrollment;
    private final DeploymentRepository deployments;
    private final PipelineRepository pipelines;
    private final EnvironmentRepository environments;
    private final NodeActionRepository actions;
    private final TelemetryRepository telemetry;
    private final FleetChanges changes;
    private final DesiredStates desiredStates;
    private final LiveTelemetry live;
    private final AgentService agents;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final FleetTuning settings;
    private final Clock clock;

    public FleetService(Transactions transactions, NodeRepository nodes, EnrollmentTokenRepository tokens, EnrollmentService enrollment,
                        DeploymentRepository deployments, PipelineRepository pipelines, EnvironmentRepository environments,
                        NodeActionRepository actions, TelemetryRepository telemetry, FleetChanges changes, DesiredStates desiredStates,
                        LiveTelemetry live, AgentService agents, AuditLog audit, IdGenerator ids, FleetTuning settings, Clock clock) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.tokens = tokens;
        this.enrollment = enrollment;
        this.deployments = deployments;
        this.pipelines = pipelines;
        this.environments = environments;
        this.actions = actions;
        this.telemetry = telemetry;
        this.changes = changes;
        this.desiredStates = desiredStates;
        this.live = live;
        this.agents = agents;
        this.audit = audit;
        this.ids = ids;
        this.settings = settings;
        this.clock = clock;
    }

    // ---- changes ----

    private Node existing(NodeId id) throws NotFoundFailure {
        return nodes.findById(id).orElseThrow(() -> new NotFoundFailure("Node", id));
    }

    private Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    private void auditNode(Actor actor, String action, Node node, Changes changes) throws NotFoundFailure {
        audit.append(new AuditEvent(actor, action, "node", node.id().toString(),
                Optional.of(environment(node.environmentId()).teamId().toString()), changes.field("hostname", node.hostname(), node.hostname())));
    }

    @Override
    public Node setLabels(Actor actor, NodeId id, Labels labels) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = existing(id);
            nodes.updateUserLabels(id, labels);
            changes.nodeChanged(id);
            auditNode(actor, "node.labels", node, Changes.none().field("userLabels", node.userLabels().toString(), labels.toString()));
            return node.withUserLabels(labels);
        });
    }

    @Override
    public Node setMaintenance(Actor actor, NodeId id, boolean on) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = existing(id);
            if (node.maintenance() != on) {
                nodes.updateMaintenance(id, on);
                changes.nodeChanged(id);
                auditNode(actor, "node.maintenance", node, Changes.none().field("maintenance", node.maintenance(), on));
            }
            return node.withMaintenance(on);
        });
    }

    @Override
    public void revokeToken(Actor actor, NodeId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Node node = existing(id);
            nodes.revokeToken(id);
            changes.nodeChanged(id);
            auditNode(actor, "node.revoke_token", node, Changes.none().field("tokenRevoked", node.tokenRevoked(), true));
            return null;
        });
    }

    @Override
    public void delete(Actor actor, NodeId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Node node = existing(id);
            nodes.delete(id);
            changes.nodeChanged(id);
            auditNode(actor, "node.delete", node, Changes.none().field("environment", node.environmentId().toString(), null));
            return null;
        });
        agents.forget(id);
    }

    @Override
    public IssuedEnrollmentToken reenroll(Actor actor, NodeId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = existing(id);
            IssuedEnrollmentToken issued = enrollment.issue(node.environmentId(), "re-enroll " + truncate(node.hostname(), 80),
                    Duration.ofHours(24), 1, Labels.NONE, actor.label(), Optional.of(id));
            auditNode(actor, "node.reenroll_token", node, Changes.none().field("enrollmentToken", null, issued.token().hint()));
            return issued;
        });
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public String restartPipeline(Actor actor, NodeId id, PipelineId pipeline) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = existing(id);
            pipelineOf(node, pipeline);
            String actionId = ids.newId().toString();
            actions.insert(id, PendingAction.restart(actionId, pipeline.toString()), clock.instant(), actor.label());
            changes.nodeChanged(id);
            auditNode(actor, "node.restart_pipeline", node, Changes.none().field("pipeline", null, pipeline.toString()));
            return actionId;
        });
    }

    private Pipeline pipelineOf(Node node, PipelineId pipeline) throws NotFoundFailure {
        return pipelines.findById(pipeline).filter(p -> p.environmentId().equals(node.environmentId()))
                .orElseThrow(() -> new NotFoundFailure("Pipeline", pipeline));
    }

    @Override
    public String requestSample(Actor actor, NodeId id, PipelineId pipeline, List<String> componentKeys, int limit) throws NotFoundFailure {
        if (componentKeys.isEmpty() || componentKeys.size() > 50) {
            throw new InvalidValueException("componentKeys", "must name 1 to 50 components");
        }
        for (String key : componentKeys) {
            new dev.vectorflow.core.pipeline.ComponentKey(key);
        }
        if (limit < 1 || limit > MAX_SAMPLE_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_SAMPLE_LIMIT + " but was " + limit);
        }
        return transactions.inTransaction(() -> {
            Node node = existing(id);
            pipelineOf(node, pipeline);
            String requestId = ids.newId().toString();
            actions.insert(id, PendingAction.sample(ids.newId().toString(), requestId, pipeline.toString(), componentKeys, limit),
                    clock.instant(), actor.label());
            changes.nodeChanged(id);
            auditNode(actor, "node.sample", node, Changes.none().field("pipeline", null, pipeline.toString())
                    .field("components", null, String.join(",", componentKeys)));
            return requestId;
        });
    }

    @Override
    public Deployment deploy(Actor actor, PipelineId pipelineId, Optional<Integer> version, NodeSelector selector) throws NotFoundFailure {
        Deployment deployment = transactions.inTransaction(() -> {
            Pipeline pipeline = pipelines.findById(pipelineId).orElseThrow(() -> new NotFoundFailure("Pipeline", pipelineId));
            int number = version.orElse(pipelines.latestVersionNumber(pipelineId));
            if (number < 1) {
                throw new InvalidValueException("version", "the pipeline has no published version yet: publish it first");
            }
            if (pipelines.version(pipelineId, number).isEmpty()) {
                throw new NotFoundFailure("Version", number + " of pipeline " + pipeline.name());
            }
            Optional<Deployment> before = deployments.find(pipelineId);
            Deployment next = new Deployment(pipelineId, pipeline.environmentId(), number, selector, clock.instant(), actor.label());
            deployments.save(next);
            changes.environmentChanged(pipeline.environmentId());
            audit.append(new AuditEvent(actor, "pipeline.deploy", "pipeline", pipelineId.toString(),
                    Optional.of(environment(pipeline.environmentId()).teamId().toString()),
                    Changes.none().field("version", before.map(Deployment::version).orElse(null), number)
                            .field("selector", before.map(d -> d.selector().toString()).orElse(null), selector.toString())));
            return next;
        });
        return deployment;
    }

    @Override
    public void undeploy(Actor actor, PipelineId pipelineId) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Pipeline pipeline = pipelines.findById(pipelineId).orElseThrow(() -> new NotFoundFailure("Pipeline", pipelineId));
            Deployment current = deployments.find(pipelineId).orElseThrow(() -> new NotFoundFailure("Deployment of pipeline", pipeline.name()));
            deployments.delete(pipelineId);
            changes.environmentChanged(pipeline.environmentId());
            audit.append(new AuditEvent(actor, "pipeline.undeploy", "pipeline", pipelineId.toString(),
                    Optional.of(environment(pipeline.environmentId()).teamId().toString()),
                    Changes.none().field("version", current.version(), null).field("selector", current.selector().toString(), null)));
            return null;
        });
    }

    // ---- reads ----

    @Override
    public List<EnrollmentToken> enrollmentTokens(EnvironmentId environment) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            environment(environment);
            return tokens.findByEnvironment(environment);
        });
    }

    @Override
    public List<NodeView> nodes(EnvironmentId environment, NodeFilter filter) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            environment(environment);
            Map<PipelineId, String> names = desiredStates.plan(environment).pipelineNames();
            String search = filter.search().map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
            List<NodeView> views = new ArrayList<>();
            for (Node node : nodes.findByEnvironment(environment)) {
                if (filter.status().isPresent() && node.status() != filter.status().get()) {
                    continue;
                }
                if (!filter.labels().matches(node.labels())) {
                    continue;
                }
                if (search != null && !node.hostname().toLowerCase(Locale.ROOT).contains(search)) {
                    continue;
                }
                views.add(view(node, names));
            }
            return views;
        });
    }

    private NodeView view(Node node, Map<PipelineId, String> names) {
        List<PipelineOnNode> running = new ArrayList<>();
        for (StoredPipelineState state : telemetry.pipelineStates(node.id())) {
            running.add(onNode(state, names));
        }
        running.sort(Comparator.comparing(PipelineOnNode::pipelineName));
        return new NodeView(node, running);
    }

    private PipelineOnNode onNode(StoredPipelineState state, Map<PipelineId, String> names) {
        Instant now = clock.instant();
        return new PipelineOnNode(state.pipelineId(), names.getOrDefault(state.pipelineId(), ""), state.version(), state.checksum(),
                state.status(), state.pid(), state.runningSince().map(since -> Math.max(0, Duration.between(since, now).toSeconds())),
                state.error(), live.live(state.nodeId(), state.pipelineId()));
    }

    @Override
    public NodeDetail node(NodeId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Node node = existing(id);
            Map<PipelineId, String> names = desiredStates.plan(node.environmentId()).pipelineNames();
            return new NodeDetail(view(node, names), nodes.transitions(id, 50), live.host(id));
        });
    }

    @Override
    public Optional<EnvironmentId> environmentOf(NodeId id) {
        return transactions.inTransaction(() -> nodes.findById(id).map(Node::environmentId));
    }

    @Override
    public List<Node> matching(EnvironmentId environment, NodeSelector selector) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            environment(environment);
            return nodes.findByEnvironment(environment).stream().filter(n -> !n.maintenance() && selector.matches(n.labels())).toList();
        });
    }

    @Override
    public DeploymentStatus deploymentStatus(PipelineId pipelineId) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Pipeline pipeline = pipelines.findById(pipelineId).orElseThrow(() -> new NotFoundFailure("Pipeline", pipelineId));
            Optional<Deployment> current = deployments.find(pipelineId);
            Map<PipelineId, String> names = Map.of(pipelineId, pipeline.name().value());
            Map<NodeId, StoredPipelineState> reported = new LinkedHashMap<>();
            for (StoredPipelineState state : telemetry.pipelineStatesOf(pipelineId)) {
                reported.put(state.nodeId(), state);
            }
            Optional<DesiredPipeline> target = desiredStates.plan(pipeline.environmentId()).deployed().stream()
                    .filter(d -> d.pipelineId().equals(pipelineId)).findFirst();
            List<NodeDeploymentState> states = new ArrayList<>();
            for (Node node : nodes.findByEnvironment(pipeline.environmentId())) {
                boolean wanted = target.isPresent() && !node.maintenance() && target.get().selector().matches(node.labels());
                StoredPipelineState state = reported.get(node.id());
                if (!wanted && state == null) {
                    continue;
                }
                DesiredState desired = DesiredState.forNode(node.labels(), node.maintenance(), target.map(List::of).orElse(List.of()));
                boolean inSync = wanted ? state != null && desired.inSync(pipelineId, state.version(), state.checksum()) : state == null;
                states.add(new NodeDeploymentState(node, wanted ? target.map(DesiredPipeline::version) : Optional.empty(),
                        Optional.ofNullable(state).map(s -> onNode(s, names)), inSync));
            }
            java.util.Set<String> variables = current.flatMap(d -> pipelines.version(pipelineId, d.version()))
                    .map(v -> dev.vectorflow.core.pipeline.EnvironmentVariables.of(v.graph())).orElse(java.util.Set.of());
            return new DeploymentStatus(current, states, variables);
        });
    }

    @Override
    public java.util.Set<String> environmentVariables(PipelineId pipelineId, int version) throws NotFoundFailure {
        return transactions.inTransaction(() -> pipelines.version(pipelineId, version)
                .map(v -> dev.vectorflow.core.pipeline.EnvironmentVariables.of(v.graph()))
                .orElseThrow(() -> new NotFoundFailure("Version", version)));
    }

    private static void checkRange(Instant from, Instant to, Duration step) {
        if (!from.isBefore(to)) {
            throw new InvalidValueException("from", "must be before 'to'");
        }
        if (step.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidValueException("step", "must be at least 60 seconds (metrics are kept per minute)");
        }
        if (Duration.between(from, to).dividedBy(step) > MAX_POINTS) {
            throw new InvalidValueException("step", "gives more than " + MAX_POINTS + " points over this range: choose a larger step");
        }
    }

    @Override
    public List<HostMinute> nodeMetrics(NodeId id, Instant from, Instant to, Duration step) throws NotFoundFailure {
        checkRange(from, to, step);
        return transactions.inTransaction(() -> {
            existing(id);
            return telemetry.hostSeries(id, from, to, step);
        });
    }

    @Override
    public PipelineMetrics pipelineMetrics(PipelineId pipelineId, Instant from, Instant to, Duration step) throws NotFoundFailure {
        checkRange(from, to, step);
        List<ComponentMinute> rows = transactions.inTransaction(() -> {
            pipelines.findById(pipelineId).orElseThrow(() -> new NotFoundFailure("Pipeline", pipelineId));
            return telemetry.componentSeries(pipelineId, from, to, step);
        });
        Map<String, List<ComponentMinute>> perComponent = new TreeMap<>();
        Map<Instant, long[]> totals = new TreeMap<>();
        for (ComponentMinute row : rows) {
            perComponent.computeIfAbsent(row.componentId(), c -> new ArrayList<>()).add(row);
            long[] t = totals.computeIfAbsent(row.minute(), m -> new long[6]);
            // events in = what sources received; out = what sinks sent; errors and discards from every component
            if ("source".equals(row.componentKind())) {
                t[0] += row.eventsIn();
                t[2] += row.bytesIn();
            }
            if ("sink".equals(row.componentKind())) {
                t[1] += row.eventsOut();
                t[3] += row.bytesOut();
            }
            t[4] += row.errors();
            t[5] += row.discarded();
        }
        List<ComponentMinute> totalRows = new ArrayList<>();
        totals.forEach((at, t) -> totalRows.add(new ComponentMinute(pipelineId, "", "", at, t[0], t[1], t[2], t[3], t[4], t[5])));
        Instant fresh = clock.instant().minus(settings.pollInterval().multipliedBy(3));
        return new PipelineMetrics(step, totalRows, perComponent, live.liveComponents(pipelineId, fresh));
    }

    @Override
    public List<StoredLogLine> logs(NodeId id, Optional<PipelineId> pipeline, long afterSeq, int limit) throws NotFoundFailure {
        if (limit < 1 || limit > 5000) {
            throw new InvalidValueException("limit", "must be between 1 and 5000 but was " + limit);
        }
        return transactions.inTransaction(() -> {
            existing(id);
            return telemetry.logs(id, pipeline, afterSeq, limit);
        });
    }

    @Override
    public SampleStatus sample(NodeId id, String requestId) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            existing(id);
            Optional<PendingAction> request = actions.pending(id).stream().filter(a -> requestId.equals(a.requestId())).findFirst();
            var results = telemetry.sampleResults(requestId);
            if (request.isEmpty() && results.isEmpty() && !actions.exists(id, requestId)) {
                throw new NotFoundFailure("Sample request", requestId);
            }
            boolean done = request.isEmpty() || results.size() >= request.get().componentKeys().size();
            return new SampleStatus(requestId, done, results);
        });
    }

    @Override
    public List<NodeActionRepository.StoredAction> actions(NodeId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            existing(id);
            return actions.recent(id, MAX_ACTIONS_LISTED);
        });
    }
}
