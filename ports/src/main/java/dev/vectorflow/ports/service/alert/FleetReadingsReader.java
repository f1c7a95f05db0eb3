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
import dev.vectorflow.core.backup.BackupStatus;
import dev.vectorflow.core.pipeline.References;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.ports.out.alert.AlertInputs;
import dev.vectorflow.ports.out.backup.BackupRuns;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private final AlertInputs inputs;
    private final BackupRuns backups;
    /** What each deployed version references: versions never change, so each is read once. */
    private final Map<String, References> referencesByVersion = new ConcurrentHashMap<>();
    /** The throughput rules' minute rollups, read again only once the minute changed (they change once a minute). */
    private volatile CachedHistory cachedHistory = new CachedHistory(Instant.EPOCH, Map.of(), List.of());
    /** The last log line the previous round looked at (-1: none yet on this server: the next round starts at the newest). */
    private volatile long logCursor = -1;
    /** When the log lines were last read: after a longer gap (the lease was elsewhere) the cursor starts over. */
    private Instant logsReadAt = Instant.EPOCH;

    /** A gap between two rounds longer than this (several missed rounds) starts the log cursor over at the newest line. */
    static final Duration LOG_GAP = Duration.ofSeconds(60);

    /** A preview on a server that does not evaluate looks at most this far back in the log lines (by sequence number). */
    static final long PEEK_LOG_LINES = 10_000;

    /** At most this many log lines per node are looked at in one round (the newest, when more arrived). */
    static final int LOG_LINES_PER_NODE = 100;

    private record CachedHistory(Instant end, Map<PipelineId, Integer> windows, List<AlertInputs.ComponentMinuteTotals> minutes) {
    }

    public FleetReadingsReader(Transactions transactions, NodeRepository nodes, DeploymentRepository deployments, PipelineRepository pipelines,
                               TelemetryRepository telemetry, SecretRepository secrets, LiveTelemetry live, AlertInputs inputs, BackupRuns backups) {
        this.inputs = inputs;
        this.backups = backups;
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
        return read(rules, now, true);
    }

    /** The lines a round would see next and the rollups, leaving the log cursor and the cached rollups as they are. */
    @Override
    public FleetReadings peek(List<AlertRule> rules, Instant now) {
        return read(rules, now, false);
    }

    private FleetReadings read(List<AlertRule> rules, Instant now, boolean round) {
        FleetReadings readings = new FleetReadings();
        Set<EnvironmentId> environments = new HashSet<>();
        Set<EnvironmentId> failingWanted = new HashSet<>();
        Set<EnvironmentId> certificatesWanted = new HashSet<>();
        Set<EnvironmentId> deploymentsWanted = new HashSet<>();
        Set<EnvironmentId> updatesWanted = new HashSet<>();
        Set<EnvironmentId> referencesWanted = new HashSet<>();
        Set<EnvironmentId> logsWanted = new HashSet<>();
        Map<PipelineId, Integer> windows = new HashMap<>();
        boolean backupWanted = false;
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
                case AlertCondition.DeploymentNotConvergedCondition c -> deploymentsWanted.add(rule.environmentId());
                case AlertCondition.AgentUpdateFailedCondition c -> updatesWanted.add(rule.environmentId());
                case AlertCondition.SecretMissingCondition c -> referencesWanted.add(rule.environmentId());
                case AlertCondition.BackupFailedCondition c -> backupWanted = true;
                case AlertCondition.ThroughputDropCondition c -> {
                    live = true;
                    windows.merge(c.pipeline(), c.windowMinutes(), Math::max);
                }
                case AlertCondition.LogMatchCondition c -> logsWanted.add(rule.environmentId());
            }
        }
        boolean readBackup = backupWanted;
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
            readDeploymentsAndReferences(readings, deploymentsWanted, referencesWanted, round);
            if (!updatesWanted.isEmpty()) {
                inputs.lastAgentUpdates(updatesWanted).forEach(readings::agentUpdate);
            }
            if (!logsWanted.isEmpty()) {
                if (round) {
                    readLogs(readings, logsWanted, now);
                } else {
                    long last = inputs.lastLogSeq();
                    long cursor = logCursor;
                    inputs.logsBetween(logsWanted, cursor >= 0 ? cursor : Math.max(0, last - PEEK_LOG_LINES), last, LOG_LINES_PER_NODE)
                            .forEach(readings::logLine);
                }
            }
            if (!windows.isEmpty()) {
                history(windows, now, round).forEach(readings::history);
            }
            if (readBackup) {
                backups.newest(BACKUP_RUNS_LOOKED_AT).stream().filter(r -> r.status() != BackupStatus.RUNNING).findFirst()
                        .ifPresent(r -> readings.lastBackup(new FleetReadings.BackupReading(r.name().value(), r.status() == BackupStatus.FAILED,
                                r.error().orElse(""), r.finishedAt().orElse(r.startedAt()))));
            }
            return null;
        });
        if (live) {
            addLiveReadings(readings, this.live, now.minus(FRESH));
        }
        return readings;
    }

    /** Backup runs looked at for the last finished one (runs still going are skipped). */
    static final int BACKUP_RUNS_LOOKED_AT = 10;

    /**
     * The deployments of the environments that a convergence or secret rule watches, the states the nodes reported (one
     * query), and the secrets and certificates deployed versions reference that the environment does not have.
     */
    private void readDeploymentsAndReferences(FleetReadings readings, Set<EnvironmentId> deploymentsWanted, Set<EnvironmentId> referencesWanted,
                                              boolean round) {
        if (deploymentsWanted.isEmpty() && referencesWanted.isEmpty()) {
            return;
        }
        if (!deploymentsWanted.isEmpty()) {
            inputs.reportedStates(deploymentsWanted).forEach(readings::reportedState);
        }
        Set<String> used = new HashSet<>();
        Set<EnvironmentId> all = new HashSet<>(deploymentsWanted);
        all.addAll(referencesWanted);
        for (EnvironmentId environment : all) {
            List<Deployment> deployed = deployments.findByEnvironment(environment);
            if (deploymentsWanted.contains(environment)) {
                deployed.forEach(readings::deployment);
            }
            if (!referencesWanted.contains(environment) || deployed.isEmpty()) {
                continue;
            }
            Set<String> secretNames = new HashSet<>();
            secrets.secretsOf(environment).forEach(x -> secretNames.add(x.name().value()));
            Set<String> certificateNames = new HashSet<>();
            secrets.certificatesOf(environment).forEach(x -> certificateNames.add(x.name().value()));
            for (Deployment d : deployed) {
                used.add(d.pipelineId() + "@" + d.version());
                References references = referencesByVersion.computeIfAbsent(d.pipelineId() + "@" + d.version(), k -> pipelines.version(d.pipelineId(),
                        d.version()).map(v -> References.of(v.graph())).orElse(new References(Set.of(), Set.of())));
                for (SecretName name : references.secrets()) {
                    if (!secretNames.contains(name.value())) {
                        readings.missingReference(environment, new FleetReadings.MissingReference(d.pipelineId(), "SECRET", name.value()));
                    }
                }
                for (SecretName name : references.certificates()) {
                    if (!certificateNames.contains(name.value())) {
                        readings.missingReference(environment, new FleetReadings.MissingReference(d.pipelineId(), "CERT", name.value()));
                    }
                }
            }
        }
        if (round && !referencesWanted.isEmpty()) {
            referencesByVersion.keySet().retainAll(used);
        }
    }

    /**
     * The lines since the last round (at most {@link #LOG_LINES_PER_NODE} per node); the first round on this server, and
     * the first after a gap of more than {@link #LOG_GAP} (the lease was elsewhere), only notes where the lines stand, so
     * that a server taking over does not alert on old lines.
     */
    private void readLogs(FleetReadings readings, Set<EnvironmentId> environments, Instant now) {
        boolean fresh = logCursor < 0 || now.isAfter(logsReadAt.plus(LOG_GAP));
        logsReadAt = now;
        if (fresh) {
            logCursor = inputs.lastLogSeq();
            return;
        }
        long upTo = inputs.lastLogSeq();
        if (upTo > logCursor) {
            inputs.logsBetween(environments, logCursor, upTo, LOG_LINES_PER_NODE).forEach(readings::logLine);
            logCursor = upTo;
        }
    }

    /** The minute rollups of the throughput rules' pipelines over their longest window, read once a minute. */
    private List<AlertInputs.ComponentMinuteTotals> history(Map<PipelineId, Integer> windows, Instant now, boolean round) {
        Instant end = ThroughputWindow.end(now);
        CachedHistory cached = cachedHistory;
        if (!cached.end().equals(end) || !cached.windows().equals(windows)) {
            int longest = windows.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            cached = new CachedHistory(end, Map.copyOf(windows), inputs.componentMinutes(windows.keySet(), end.minus(Duration.ofMinutes(longest)), end));
            if (round) {
                cachedHistory = cached;
            }
        }
        return cached.minutes();
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
