package dev.vectorflow.ports.service.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.LogPattern;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.backup.BackupRun;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineComponent;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretId;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.InMemoryAlertInputs;
import dev.vectorflow.ports.fake.InMemoryBackupRuns;
import dev.vectorflow.ports.fake.InMemorySecretRepository;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import dev.vectorflow.ports.out.alert.AlertInputs;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rule kinds on stored facts (deployments, agent updates, secret references, backups, rollups, log lines): the real
 * reader and evaluator on in-memory fakes.
 */
class NewRuleKindsTest {

    private final AlertFixture f = new AlertFixture();
    private final FleetFakes fleet = f.fleet;
    private final InMemoryAlertInputs inputs = new InMemoryAlertInputs();
    private final InMemoryBackupRuns backups = new InMemoryBackupRuns();
    private final InMemorySecretRepository secrets = new InMemorySecretRepository();
    private final FleetReadingsReader reader = new FleetReadingsReader(fleet.transactions, fleet.nodes, fleet.deployments, fleet.pipelines, null,
            secrets, fleet.live, inputs, backups);
    private final AlertEvaluator evaluator = new AlertEvaluator(fleet.transactions, f.rules, f.alerts, f.deliveries, fleet.environments, reader,
            f.ids, fleet.clock);

    private void rule(String name, AlertCondition condition) throws Exception {
        rule(fleet.environment, name, condition);
    }

    private void rule(EnvironmentId environment, String name, AlertCondition condition) throws Exception {
        f.ruleService.createRule(new SaveAlertRuleCommand(f.actor, environment, name, Severity.WARNING, condition, Duration.ZERO, Duration.ZERO,
                MessageTemplate.defaultFor(condition), List.of(), true));
    }

    private List<String> firing() throws Exception {
        return firing(fleet.environment);
    }

    private List<String> firing(EnvironmentId environment) throws Exception {
        return f.queries.alerts(environment, AlertStateFilter.FIRING, 100).stream().map(v -> v.ruleName() + " | " + v.alert().value() + " | "
                + v.message()).toList();
    }

    @Test
    void aDeployment_whoseNodesHaveNotAllReportedItsVersionRunning_firesOnlyAfterItsMinutes_andResolvesWhenTheyConverge() throws Exception {
        NodeId web1 = fleet.enroll("web-1", Labels.NONE).id();
        NodeId web2 = fleet.enroll("web-2", Labels.NONE).id();
        PipelineVersion logs = fleet.publish("logs");
        fleet.deploy(logs, NodeSelector.ALL);
        rule("converge", new AlertCondition.DeploymentNotConvergedCondition(5, Optional.empty()));
        inputs.states.add(new AlertInputs.ReportedState(fleet.environment, web1, logs.pipelineId(), 1, "RUNNING"));
        inputs.states.add(new AlertInputs.ReportedState(fleet.environment, web2, logs.pipelineId(), 1, "STARTING"));

        f.tick(Duration.ofMinutes(4));
        evaluator.evaluate();
        assertThat(firing()).isEmpty();

        f.tick(Duration.ofMinutes(2));
        evaluator.evaluate();
        assertThat(firing()).containsExactly("converge | 1.0 | converge: nodes_not_converged 1 (threshold 5) on - logs -");

        inputs.states.set(1, new AlertInputs.ReportedState(fleet.environment, web2, logs.pipelineId(), 1, "RUNNING"));
        evaluator.evaluate();
        assertThat(firing()).isEmpty();
        assertThat(f.queries.alerts(fleet.environment, AlertStateFilter.RESOLVED, 10)).hasSize(1);
    }

    @Test
    void aNodeWhoseLastAgentUpdateFailed_fires_andALaterSuccessfulUpdateResolvesIt() throws Exception {
        NodeId web1 = fleet.enroll("web-1", Labels.of(Map.of("role", "web"))).id();
        NodeId db1 = fleet.enroll("db-1", Labels.of(Map.of("role", "db"))).id();
        rule("updates", new AlertCondition.AgentUpdateFailedCondition(NodeSelector.parse("selector", "role=web")));
        Instant t = fleet.clock.instant();
        inputs.updates.add(new AlertInputs.AgentUpdate(fleet.environment, web1, "1.2.0", "FAILED", "checksum mismatch", t));
        inputs.updates.add(new AlertInputs.AgentUpdate(fleet.environment, db1, "1.2.0", "FAILED", "disk full", t));

        evaluator.evaluate();
        assertThat(firing()).containsExactly("updates | NaN | updates: agent_update_failed - on web-1 - -: update to 1.2.0 failed: checksum mismatch");

        inputs.updates.add(new AlertInputs.AgentUpdate(fleet.environment, web1, "1.2.1", "SUCCEEDED", "", t.plusSeconds(60)));
        evaluator.evaluate();
        assertThat(firing()).isEmpty();
    }

    @Test
    void aDeployedVersionReferencingASecretOrCertificateTheEnvironmentLacks_firesOncePerPipelineAndName() throws Exception {
        PipelineVersion version = publishReferencing("shipper", "SECRET[api_key] SECRET[token]", "CERT[edge]");
        fleet.deploy(version, NodeSelector.ALL);
        secrets.insertSecret(new Secret(new SecretId(UUID.randomUUID()), fleet.environment, new SecretName("api_key"), "", "sealed", "test",
                fleet.clock.instant(), "test", fleet.clock.instant()));
        rule("secrets", new AlertCondition.SecretMissingCondition());

        evaluator.evaluate();

        assertThat(f.queries.alerts(fleet.environment, AlertStateFilter.FIRING, 100)).extracting(v -> v.alert().subject().item().orElseThrow())
                .containsExactlyInAnyOrder("SECRET[token]", "CERT[edge]");
        assertThat(firing()).contains("secrets | NaN | secrets: secret_missing - on - shipper -: SECRET[token] is referenced but the environment has"
                + " none of that name");
    }

    @Test
    void aFailedBackup_firesInEveryEnvironmentWithABackupRule_andALaterSuccessfulRunResolvesIt() throws Exception {
        EnvironmentId staging = fleet.newEnvironment("staging");
        rule("backup", new AlertCondition.BackupFailedCondition());
        rule(staging, "backup", new AlertCondition.BackupFailedCondition());
        Instant t = fleet.clock.instant();
        BackupRun failed = BackupRun.started(UUID.randomUUID(), BackupName.of(t, BackupTrigger.SCHEDULED, "a1"), BackupTrigger.SCHEDULED, t,
                "scheduler", "local", false).failed(t.plusSeconds(5), "disk full");
        backups.save(failed);
        backups.save(BackupRun.started(UUID.randomUUID(), BackupName.of(t.plusSeconds(10), BackupTrigger.MANUAL, "b2"), BackupTrigger.MANUAL,
                t.plusSeconds(10), "ann", "local", false));

        evaluator.evaluate();
        assertThat(firing()).containsExactly("backup | NaN | backup: backup_failed - on - - -: " + failed.name().value() + ": disk full");
        assertThat(firing(staging)).hasSize(1);

        backups.save(BackupRun.started(UUID.randomUUID(), BackupName.of(t.plusSeconds(20), BackupTrigger.MANUAL, "c3"), BackupTrigger.MANUAL,
                t.plusSeconds(20), "ann", "local", false).succeeded(t.plusSeconds(30), 10, "abc", Map.of()));
        evaluator.evaluate();
        assertThat(firing()).isEmpty();
        assertThat(firing(staging)).isEmpty();
    }

    @Test
    void aRateBelowThePercentOfThePreviousWindowsAverage_fires_theRollupsAreReadOncePerMinute_andNoHistoryMeansNoAlert() throws Exception {
        NodeId web1 = fleet.enroll("web-1", Labels.NONE).id();
        PipelineId logs = fleet.publish("logs").pipelineId();
        PipelineId fresh = fleet.publish("fresh").pipelineId();
        Instant t0 = fleet.clock.instant();
        for (PipelineId p : List.of(logs, fresh)) {
            fleet.live.recordPipeline(web1, p, t0, LiveTelemetry.counters(0L, 0L, 0L, 0L, 0L, 0L), List.of());
            fleet.live.recordPipeline(web1, p, t0.plusSeconds(10), LiveTelemetry.counters(1000L, 1000L, 0L, 0L, 0L, 0L), List.of());
        }
        fleet.clock.set(t0.plusSeconds(15));
        Instant minute = fleet.clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (int i = 1; i <= 10; i++) {
            // 1,000 events/s in the minutes before (60,000 a minute) through the source; the sink sent as much
            inputs.minutes.add(new AlertInputs.ComponentMinuteTotals(logs, "in", "source", minute.minus(Duration.ofMinutes(i)), 60_000, 60_000));
            inputs.minutes.add(new AlertInputs.ComponentMinuteTotals(logs, "out", "sink", minute.minus(Duration.ofMinutes(i)), 60_000, 60_000));
        }
        rule("drop", new AlertCondition.ThroughputDropCondition(logs, Optional.empty(), PipelineMetric.EVENTS_IN_PER_SECOND, 50, 10));
        rule("steady", new AlertCondition.ThroughputDropCondition(logs, Optional.empty(), PipelineMetric.EVENTS_OUT_PER_SECOND, 5, 10));
        rule("no history", new AlertCondition.ThroughputDropCondition(fresh, Optional.empty(), PipelineMetric.EVENTS_IN_PER_SECOND, 50, 10));

        evaluator.evaluate();
        evaluator.evaluate();

        assertThat(firing()).containsExactly("drop | 100.0 | drop: events_in_per_second 100 (threshold 500) on - logs -");
        assertThat(inputs.rollupReads).isEqualTo(1);
        f.tick(Duration.ofMinutes(1));
        evaluator.evaluate();
        assertThat(inputs.rollupReads).isEqualTo(2);
    }

    @Test
    void logLinesMatchingAPattern_fireOncePerNodeAndPipeline_withTheCleanedLine_atMostAHundredLinesPerNodeARound_andOldLinesAreNotMatched() throws Exception {
        NodeId web1 = fleet.enroll("web-1", Labels.NONE).id();
        NodeId web2 = fleet.enroll("web-2", Labels.NONE).id();
        PipelineId logs = fleet.publish("logs").pipelineId();
        rule("timeouts", new AlertCondition.LogMatchCondition(new LogPattern("timed? ?out after \\d+ ?ms", true), Optional.empty(), NodeSelector.ALL,
                2));
        inputs.log(fleet.environment, web1, logs, "timed out after 5 ms (an old line, before the first round)");
        inputs.log(fleet.environment, web1, logs, "timed out after 6 ms (an old line, before the first round)");
        evaluator.evaluate();
        assertThat(firing()).isEmpty();

        inputs.log(fleet.environment, web1, logs, "sink http: timeout after 30ms");
        inputs.log(fleet.environment, web1, logs, "all good");
        inputs.log(fleet.environment, web1, logs, "sink http: timed out after 31 ms\u001b[31m red\u0007 " + "x".repeat(600));
        inputs.log(fleet.environment, web2, logs, "sink http: timeout after 12ms");
        for (int i = 0; i < 150; i++) {
            inputs.log(fleet.environment, web2, logs, "ERROR timeout after " + i + "ms");
        }
        evaluator.evaluate();

        var alerts = f.queries.alerts(fleet.environment, AlertStateFilter.FIRING, 100);
        assertThat(alerts).extracting(v -> v.alert().facts().get("node") + " " + v.alert().value())
                .containsExactlyInAnyOrder("web-1 2.0", "web-2 100.0");
        String detail = alerts.stream().filter(v -> v.alert().facts().get("node").equals("web-1")).findFirst().orElseThrow().alert().facts()
                .get("detail");
        assertThat(detail).startsWith("sink http: timed out after 31 ms  red  xxx").hasSize(500).doesNotContain("\u001b", "\u0007");

        evaluator.evaluate();
        assertThat(firing()).isEmpty();

        inputs.log(fleet.environment, web1, logs, "timed out after 1 ms, 1");
        inputs.log(fleet.environment, web1, logs, "timed out after 1 ms, 2");
        f.tick(Duration.ofMinutes(5));
        evaluator.evaluate();
        assertThat(firing()).as("lines from before a gap (the lease was elsewhere) are not matched").isEmpty();
    }

    @Test
    void aPreview_ofAnUnsavedLogRule_seesTheLinesTheNextRoundWill_withoutTakingThemFromIt_andStoresNothing() throws Exception {
        NodeId web1 = fleet.enroll("web-1", Labels.NONE).id();
        PipelineId logs = fleet.publish("logs").pipelineId();
        AlertRuleService service = new AlertRuleService(fleet.transactions, f.rules, f.channels, fleet.pipelines, f.audit, f.ids, fleet.clock,
                reader);
        rule("oom", new AlertCondition.LogMatchCondition(new LogPattern("out of memory", false), Optional.of(logs), NodeSelector.ALL, 1));
        evaluator.evaluate();
        inputs.log(fleet.environment, web1, logs, "Out Of Memory: killed");
        AlertCondition condition = new AlertCondition.LogMatchCondition(new LogPattern("OUT OF MEMORY", false), Optional.empty(), NodeSelector.ALL, 1);

        var preview = service.previewRule(new SaveAlertRuleCommand(f.actor, fleet.environment, "preview", Severity.CRITICAL, condition,
                Duration.ofMinutes(5), Duration.ZERO, MessageTemplate.defaultFor(condition), List.of(), true), 10);

        assertThat(preview.total()).isEqualTo(1);
        assertThat(preview.alerts()).extracting(v -> v.alert().state().name() + " " + v.message())
                .containsExactly("PENDING preview: log_match 1 on web-1 logs -: Out Of Memory: killed");
        assertThat(f.rules.findByEnvironment(fleet.environment)).extracting(r -> r.name()).containsExactly("oom");
        evaluator.evaluate();
        assertThat(firing()).containsExactly("oom | 1.0 | oom: log_match 1 on web-1 logs -: Out Of Memory: killed");
    }

    /** A pipeline whose sink's options reference secrets and a certificate, published as version 1. */
    private PipelineVersion publishReferencing(String name, String secretText, String certificateText) {
        PipelineGraph graph = PipelineGraph.of(List.of(PipelineComponent.of("in", ComponentKind.SOURCE, "demo_logs", Map.of("format", "json")),
                PipelineComponent.of("out", ComponentKind.SINK, "http", Map.of("auth", secretText, "tls", Map.of("crt_file", certificateText)))),
                List.of());
        Pipeline pipeline = new Pipeline(new PipelineId(UUID.randomUUID()), fleet.environment, new PipelineName(name), "", graph, "test",
                fleet.clock.instant(), "test", fleet.clock.instant());
        String yaml = "# " + name + "\n";
        PipelineVersion version = new PipelineVersion(pipeline.id(), 1, graph, yaml, PipelineVersion.checksumOf(yaml), "test", "",
                fleet.clock.instant(), Optional.empty());
        fleet.transactions.inTransaction(() -> {
            fleet.pipelines.insert(pipeline);
            fleet.pipelines.insertVersion(version);
            return null;
        });
        return version;
    }
}
