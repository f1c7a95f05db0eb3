package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.alert.AlertInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one evaluation round reads, gathered once for every rule: the nodes per environment with their latest host
 * gauges, pipeline and component rates per node, failing pipelines and certificates per environment, pipeline names.
 */
public final class FleetReadings {

    /** Rates of a pipeline or component, per second: events in, events out, errors, discarded. */
    public record Rates(double eventsIn, double eventsOut, double errors, double discarded) {
        public Rates plus(Rates other) {
            return new Rates(eventsIn + other.eventsIn, eventsOut + other.eventsOut, errors + other.errors, discarded + other.discarded);
        }
    }

    /** A node with its labels, maintenance flag, status and latest host gauges (by {@link NodeMetric} ordinal; NaN: none). */
    public static final class NodeReading {
        final NodeId id;
        final String hostname;
        final Labels labels;
        final boolean maintenance;
        final NodeStatus status;
        final double[] host = new double[NodeMetric.values().length];

        public NodeReading(NodeId id, String hostname, Labels labels, boolean maintenance, NodeStatus status) {
            this.id = id;
            this.hostname = hostname;
            this.labels = labels;
            this.maintenance = maintenance;
            this.status = status;
            Arrays.fill(host, Double.NaN);
        }

        public NodeReading with(NodeMetric metric, double value) {
            host[metric.ordinal()] = value;
            return this;
        }
    }

    /** A pipeline's rates on one node, in total and per component. */
    public static final class PipelineOnNode {
        final NodeId node;
        Rates total = new Rates(0, 0, 0, 0);
        final Map<String, Rates> components = new HashMap<>(8);

        PipelineOnNode(NodeId node) {
            this.node = node;
        }
    }

    /** The nodes running one pipeline: looked up by node, walked as a list. */
    static final class PipelineNodes {
        final Map<NodeId, PipelineOnNode> byNode = new HashMap<>();
        final List<PipelineOnNode> all = new ArrayList<>();

        static final PipelineNodes NONE = new PipelineNodes();
    }

    /** A node reports a pipeline CRASHED, CRASH_LOOP or FAILED. */
    public record FailingPipeline(NodeId node, PipelineId pipeline, String status, String error) {
    }

    /** A certificate and when it expires. */
    public record CertificateReading(String name, Instant notAfter) {
    }

    /** A secret or certificate a deployed pipeline version references that the environment does not have. */
    public record MissingReference(PipelineId pipeline, String kind, String name) {
    }

    /** The platform's last finished backup run. */
    public record BackupReading(String name, boolean failed, String error, Instant finishedAt) {
    }

    private final Map<EnvironmentId, List<NodeReading>> nodesByEnvironment = new HashMap<>();
    private final Map<NodeId, NodeReading> nodes = new HashMap<>();
    private final Map<PipelineId, PipelineNodes> pipelines = new HashMap<>();
    private final Map<EnvironmentId, List<FailingPipeline>> failing = new HashMap<>();
    private final Map<EnvironmentId, List<CertificateReading>> certificates = new HashMap<>();
    private final Map<PipelineId, String> pipelineNames = new HashMap<>();
    private final Map<EnvironmentId, List<Deployment>> deployments = new HashMap<>();
    private final Map<PipelineId, Map<NodeId, AlertInputs.ReportedState>> reported = new HashMap<>();
    private final Map<EnvironmentId, List<AlertInputs.AgentUpdate>> agentUpdates = new HashMap<>();
    private final Map<EnvironmentId, List<MissingReference>> missingReferences = new HashMap<>();
    private final Map<EnvironmentId, List<AlertInputs.LogLine>> logLines = new HashMap<>();
    private final Map<PipelineId, List<AlertInputs.ComponentMinuteTotals>> history = new HashMap<>();
    private Optional<BackupReading> lastBackup = Optional.empty();

    public NodeReading addNode(EnvironmentId environment, NodeReading node) {
        nodesByEnvironment.computeIfAbsent(environment, e -> new ArrayList<>()).add(node);
        nodes.put(node.id, node);
        return node;
    }

    /** Sets a host gauge of a node added before (readings of nodes not added are ignored). */
    public void hostReading(NodeId node, NodeMetric metric, double value) {
        NodeReading reading = nodes.get(node);
        if (reading != null) {
            reading.host[metric.ordinal()] = value;
        }
    }

    /** A pipeline's total rates on a node ({@code component} null) or one component's. */
    public void pipelineReading(NodeId node, PipelineId pipeline, String component, Rates rates) {
        PipelineNodes nodesOfPipeline = pipelines.computeIfAbsent(pipeline, p -> new PipelineNodes());
        PipelineOnNode on = nodesOfPipeline.byNode.get(node);
        if (on == null) {
            on = new PipelineOnNode(node);
            nodesOfPipeline.byNode.put(node, on);
            nodesOfPipeline.all.add(on);
        }
        if (component == null) {
            on.total = rates;
        } else {
            on.components.put(component, rates);
        }
    }

    public void failingPipeline(EnvironmentId environment, FailingPipeline failure) {
        failing.computeIfAbsent(environment, e -> new ArrayList<>()).add(failure);
    }

    public void certificate(EnvironmentId environment, CertificateReading certificate) {
        certificates.computeIfAbsent(environment, e -> new ArrayList<>()).add(certificate);
    }

    public void pipelineName(PipelineId pipeline, String name) {
        pipelineNames.put(pipeline, name);
    }

    public void deployment(Deployment deployment) {
        deployments.computeIfAbsent(deployment.environmentId(), e -> new ArrayList<>()).add(deployment);
    }

    public void reportedState(AlertInputs.ReportedState state) {
        reported.computeIfAbsent(state.pipeline(), p -> new HashMap<>()).put(state.node(), state);
    }

    public void agentUpdate(AlertInputs.AgentUpdate update) {
        agentUpdates.computeIfAbsent(update.environment(), e -> new ArrayList<>()).add(update);
    }

    public void missingReference(EnvironmentId environment, MissingReference missing) {
        missingReferences.computeIfAbsent(environment, e -> new ArrayList<>()).add(missing);
    }

    public void logLine(AlertInputs.LogLine line) {
        logLines.computeIfAbsent(line.environment(), e -> new ArrayList<>()).add(line);
    }

    /** A minute of a pipeline's component rollups in the throughput rules' window. */
    public void history(AlertInputs.ComponentMinuteTotals minute) {
        history.computeIfAbsent(minute.pipeline(), p -> new ArrayList<>()).add(minute);
    }

    public void lastBackup(BackupReading backup) {
        lastBackup = Optional.of(backup);
    }

    List<Deployment> deploymentsOf(EnvironmentId environment) {
        return deployments.getOrDefault(environment, List.of());
    }

    Map<NodeId, AlertInputs.ReportedState> reportedFor(PipelineId pipeline) {
        return reported.getOrDefault(pipeline, Map.of());
    }

    List<AlertInputs.AgentUpdate> agentUpdatesIn(EnvironmentId environment) {
        return agentUpdates.getOrDefault(environment, List.of());
    }

    List<MissingReference> missingReferencesIn(EnvironmentId environment) {
        return missingReferences.getOrDefault(environment, List.of());
    }

    List<AlertInputs.LogLine> logLinesIn(EnvironmentId environment) {
        return logLines.getOrDefault(environment, List.of());
    }

    List<AlertInputs.ComponentMinuteTotals> historyOf(PipelineId pipeline) {
        return history.getOrDefault(pipeline, List.of());
    }

    Optional<BackupReading> lastBackup() {
        return lastBackup;
    }

    List<NodeReading> nodesOf(EnvironmentId environment) {
        return nodesByEnvironment.getOrDefault(environment, List.of());
    }

    Optional<NodeReading> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    PipelineNodes pipelineOnNodes(PipelineId pipeline) {
        return pipelines.getOrDefault(pipeline, PipelineNodes.NONE);
    }

    List<FailingPipeline> failingIn(EnvironmentId environment) {
        return failing.getOrDefault(environment, List.of());
    }

    List<CertificateReading> certificatesOf(EnvironmentId environment) {
        return certificates.getOrDefault(environment, List.of());
    }

    String pipelineName(PipelineId pipeline) {
        return pipelineNames.getOrDefault(pipeline, pipeline.toString());
    }
}
