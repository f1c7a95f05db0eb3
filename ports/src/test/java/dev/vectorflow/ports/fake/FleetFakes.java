package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.NodeToken;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.FleetSettings;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import dev.vectorflow.ports.service.rollout.RolloutEngine;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The fleet's driven ports as in-memory fakes, wired like the server wires the real ones, with helpers that enroll
 * nodes and publish and deploy pipelines straight into the fakes.
 */
public final class FleetFakes {

    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    public final SettableClock clock = new SettableClock(T0);
    public final InMemoryTransactions transactions = new InMemoryTransactions();
    public final InMemoryNodeRepository nodes = transactions.register(new InMemoryNodeRepository());
    public final InMemoryNodeActionRepository actions = transactions.register(new InMemoryNodeActionRepository());
    public final InMemoryDeploymentRepository deployments = transactions.register(new InMemoryDeploymentRepository());
    public final InMemoryPipelineRepository pipelines = transactions.register(new InMemoryPipelineRepository());
    public final InMemoryEnvironmentRepository environments = transactions.register(new InMemoryEnvironmentRepository());
    public final InMemoryEnrollmentTokenRepository enrollmentTokens = transactions.register(new InMemoryEnrollmentTokenRepository());
    public final InMemoryAgentReleaseRepository agentReleases = transactions.register(new InMemoryAgentReleaseRepository());
    public final InMemoryAuditLog auditLog = transactions.register(new InMemoryAuditLog(clock));
    public final InMemoryRolloutRepository rollouts = transactions.register(new InMemoryRolloutRepository());
    public final InMemoryFleetCache cache = new InMemoryFleetCache();
    public final RecordingFleetChanges changes = new RecordingFleetChanges(cache);
    public final RecordingHeartbeatWriter writer = new RecordingHeartbeatWriter();
    public final LiveTelemetry live = new LiveTelemetry();
    public final FleetSettings settings = FleetSettings.DEFAULTS;
    public final EnvironmentId environment = newEnvironment("prod");
    public final NodeDirectory nodeDirectory = new NodeDirectory(transactions, nodes, cache);
    public final DesiredStates desiredStates = new DesiredStates(transactions, deployments, pipelines, new NoSecrets(), cache, rollouts);
    private int tokens;

    /** The rollout engine over these fakes, reading rates from {@code telemetry}; its ids are counted from one. */
    public RolloutEngine rolloutEngine(TelemetryRepository telemetry, FleetAudit audit) {
        return new RolloutEngine(transactions, rollouts, deployments, nodes, telemetry, live, desiredStates, changes, audit,
                new SequentialIdGenerator(), clock);
    }

    /** A new environment of its own team. */
    public EnvironmentId newEnvironment(String name) {
        Environment created = Environment.create(new EnvironmentId(UUID.randomUUID()), new TeamId(UUID.randomUUID()), new EnvironmentName(name),
                "", T0);
        transactions.inTransaction(() -> {
            environments.insert(created);
            return null;
        });
        return created.id();
    }

    /** An enrolled node and the token its agent holds. */
    public record EnrolledNode(Node node, NodeToken token) {
        public NodeId id() {
            return node.id();
        }
    }

    public EnrolledNode enroll(String hostname, Labels userLabels) {
        return enroll(environment, hostname, userLabels);
    }

    public EnrolledNode enroll(EnvironmentId environment, String hostname, Labels userLabels) {
        tokens++;
        NodeToken token = new NodeToken("%016x".formatted(tokens), "%064x".formatted(tokens));
        Node node = new Node(new NodeId(UUID.randomUUID()), environment, hostname, "linux", "1.0.0", "0.57.0", "UNKNOWN", Labels.NONE,
                userLabels, false, NodeStatus.HEALTHY, "enrolled", clock.instant(), Optional.of(clock.instant()), false, "");
        transactions.inTransaction(() -> {
            nodes.insert(node, token.lookupId(), token.secretHash());
            return null;
        });
        return new EnrolledNode(node, token);
    }

    /** A pipeline of the environment with one published version (a demo_logs source into a blackhole sink). */
    public PipelineVersion publish(String name) {
        return publish(environment, name);
    }

    public PipelineVersion publish(EnvironmentId environment, String name) {
        PipelineGraph graph = PipelineGraph.of(List.of(PipelineComponent.of("in", ComponentKind.SOURCE, "demo_logs", Map.of("format", "json")),
                PipelineComponent.of("out", ComponentKind.SINK, "blackhole", Map.of())), List.of());
        Pipeline pipeline = new Pipeline(new PipelineId(UUID.randomUUID()), environment, new PipelineName(name), "", graph, "test",
                clock.instant(), "test", clock.instant());
        String yaml = "sources:\n  in:\n    type: demo_logs\n    format: json\nsinks:\n  out:\n    type: blackhole\n    inputs: [in]\n# " + name + "\n";
        PipelineVersion version = new PipelineVersion(pipeline.id(), 1, graph, yaml, PipelineVersion.checksumOf(yaml), "test", "", clock.instant(),
                Optional.empty());
        transactions.inTransaction(() -> {
            pipelines.insert(pipeline);
            pipelines.insertVersion(version);
            return null;
        });
        return version;
    }

    public void deploy(PipelineVersion version, NodeSelector selector) {
        EnvironmentId of = pipelines.findById(version.pipelineId()).orElseThrow().environmentId();
        transactions.inTransaction(() -> {
            deployments.save(new Deployment(version.pipelineId(), of, version.number(), selector, clock.instant(), "test"));
            return null;
        });
        cache.forgetEnvironment(of);
    }
}
