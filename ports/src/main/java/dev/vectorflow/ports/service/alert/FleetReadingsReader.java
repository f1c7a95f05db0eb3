package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a round's inputs: nodes (labels, maintenance, status) from the node repository, host gauges and pipeline rates
 * from this server's live telemetry, failing pipeline states and certificates from the database, for the environments
 * the rules watch. Runs on the evaluator's thread, never on the heartbeat path.
 */
public final class FleetReadingsReader implements ReadingsSource {

    /** Live readings older than this are not used (the node went quiet: its alerts see no reading). */
    static final Duration FRESH = Duration.ofMinutes(2);

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final DeploymentRepository deployments;
    private final PipelineRepository pipelines;
    private final TelemetryRepository telemetry;
    private final SecretRepository secrets;
    private final LiveTelemetry live;

    public FleetReadingsReader(Transactions transactions, NodeRepository nodes, DeploymentRepository deployments, PipelineRepository pipelines,
                               TelemetryRepository telemetry, SecretRepository secrets, LiveTelemetry live) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.deployments = deployments;
        this.pipelines = pipelines;
        this.telemetry = telemetry;
        this.secrets = secrets;
        this.live = live;
    }

    @Override
    public FleetReadings read(List<AlertRule> rules, Instant now) {
        FleetReadings readings = new FleetReadings();
        Set<EnvironmentId> environments = new HashSet<>();
        Set<EnvironmentId> failingWanted = new HashSet<>();
        Set<EnvironmentId> certificatesWanted = new HashSet<>();
        boolean live = false;
        for (AlertRule rule : rules) {
            environments.add(rule.environmentId());
            switch (rule.condition()) {
                case AlertCondition.PipelineFailingCondition c -> failingWanted.add(rule.environmentId());
                case AlertCondition.CertificateExpiringCondition c -> certificatesWanted.add(rule.environmentId());
                case AlertCondition.NodeMetricCondition c -> live = true;
                case AlertCondition.PipelineMetricCondition c -> live = true;
                case AlertCondition.NodeUnreachableCondition c -> {
                }
            }
        }
        if (environments.isEmpty()) {
            return readings;
        }
        transactions.inTransaction(() -> {
            for (Node node : nodes.findAll()) {
                if (environments.contains(node.environmentId())) {
                    readings.addNode(node.environmentId(), new FleetReadings.NodeReading(node.id(), node.hostname(), node.labels(),
                            node.maintenance(), node.status()));
                }
            }
            for (EnvironmentId environment : environments) {
                for (Pipeline p : pipelines.findByEnvironment(environment)) {
                    readings.pipelineName(p.id(), p.name().value());
                }
            }
            for (EnvironmentId environment : failingWanted) {
                for (Deployment d : deployments.findByEnvironment(environment)) {
                    for (TelemetryRepository.StoredPipelineState s : telemetry.pipelineStatesOf(d.pipelineId())) {
                        if (PipelineRunStatus.fromWire(s.status()).failing()) {
                            readings.failingPipeline(environment, new FleetReadings.FailingPipeline(s.nodeId(), s.pipelineId(), s.status(), s.error()));
                        }
                    }
                }
            }
            for (EnvironmentId environment : certificatesWanted) {
                for (Certificate c : secrets.certificatesOf(environment)) {
                    readings.certificate(environment, new FleetReadings.CertificateReading(c.name().value(), c.notAfter()));
                }
            }
            return null;
        });
        if (live) {
            addLiveReadings(readings, this.live, now.minus(FRESH));
        }
        return readings;
    }

    /** Adds the host gauges and pipeline rates of every node heard from since {@code freshSince} (nodes added before only). */
    public static void addLiveReadings(FleetReadings readings, LiveTelemetry live, Instant freshSince) {
        live.visit(freshSince, new LiveTelemetry.ReadingVisitor() {
            @Override
            public void host(NodeId node, double cpu, double memory, double disk, double load1, double netIn, double netOut) {
                readings.hostReading(node, NodeMetric.CPU_PERCENT, cpu);
                readings.hostReading(node, NodeMetric.MEMORY_PERCENT, memory);
                readings.hostReading(node, NodeMetric.DISK_PERCENT, disk);
                readings.hostReading(node, NodeMetric.LOAD1, load1);
                readings.hostReading(node, NodeMetric.NET_IN_BYTES_PER_SECOND, netIn);
                readings.hostReading(node, NodeMetric.NET_OUT_BYTES_PER_SECOND, netOut);
            }

            @Override
            public void pipeline(NodeId node, PipelineId pipeline, String component, double eventsIn, double eventsOut, double errors,
                                 double discarded) {
                readings.pipelineReading(node, pipeline, component, new FleetReadings.Rates(eventsIn, eventsOut, errors, discarded));
            }
        });
    }
}
