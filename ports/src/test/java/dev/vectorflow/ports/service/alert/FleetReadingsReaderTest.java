package dev.vectorflow.ports.service.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ComponentCounters;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.HostReading;
import dev.vectorflow.ports.fake.InMemoryAlertInputs;
import dev.vectorflow.ports.fake.InMemoryBackupRuns;
import dev.vectorflow.ports.fake.InMemorySecretRepository;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evaluator over what heartbeats left in live telemetry and the node repository. */
class FleetReadingsReaderTest {

    private final AlertFixture f = new AlertFixture();
    private final InMemoryAlertInputs inputs = new InMemoryAlertInputs();
    private final InMemoryBackupRuns backups = new InMemoryBackupRuns();
    private final InMemorySecretRepository secretStore = new InMemorySecretRepository();
    private final AlertEvaluator evaluator = new AlertEvaluator(f.fleet.transactions, f.rules, f.alerts, f.deliveries, f.fleet.environments,
            new FleetReadingsReader(f.fleet.transactions, f.fleet.nodes, f.fleet.deployments, f.fleet.pipelines, null, secretStore,
                    f.fleet.live, inputs, backups), f.ids, f.fleet.clock);

    private static HostReading host(long netRx, long memUsed) {
        return new HostReading(100.0, 50.0, 0.5, null, null, 1000L, memUsed, 1000L - memUsed, 100L, 10L, 90L, 0L, 0L, netRx, 0L);
    }

    private void rule(String name, AlertCondition condition) throws Exception {
        f.ruleService.createRule(new SaveAlertRuleCommand(f.actor, f.fleet.environment, name, Severity.WARNING, condition, Duration.ZERO,
                Duration.ZERO, MessageTemplate.DEFAULT, List.of(), true));
    }

    @Test
    void hostGaugesAndPipelineRates_fromTheHeartbeats_driveTheRules() throws Exception {
        FleetFakes fleet = f.fleet;
        var node = fleet.enroll("web-1", Labels.NONE).node();
        PipelineId pipeline = fleet.publish("logs").pipelineId();
        Instant t0 = fleet.clock.instant();
        LiveTelemetry live = fleet.live;
        live.recordHost(node.id(), t0, host(0, 950));
        live.recordHost(node.id(), t0.plusSeconds(10), host(50_000, 950));
        live.recordPipeline(node.id(), pipeline, t0, LiveTelemetry.counters(0L, 0L, 0L, 0L, 0L, 0L),
                List.of(new ComponentCounters("out", "blackhole", 0L, 0L, 0L, 0L, 0L, 0L)));
        live.recordPipeline(node.id(), pipeline, t0.plusSeconds(10), LiveTelemetry.counters(1000L, 10L, 0L, 0L, 0L, 0L),
                List.of(new ComponentCounters("out", "blackhole", 1000L, 10L, 0L, 0L, 0L, 0L)));
        fleet.clock.set(t0.plusSeconds(15));
        rule("memory", new AlertCondition.NodeMetricCondition(NodeMetric.MEMORY_PERCENT, new Threshold(Comparison.ABOVE, 90, 0), NodeSelector.ALL));
        rule("net", new AlertCondition.NodeMetricCondition(NodeMetric.NET_IN_BYTES_PER_SECOND, new Threshold(Comparison.ABOVE, 4000, 0),
                NodeSelector.ALL));
        rule("out", new AlertCondition.PipelineMetricCondition(pipeline, Optional.empty(), PipelineMetric.EVENTS_OUT_PER_SECOND,
                new Threshold(Comparison.BELOW, 5, 0), false));

        evaluator.evaluate();

        assertThat(f.queries.alerts(fleet.environment, AlertStateFilter.FIRING, 10)).extracting(v -> v.ruleName() + " " + v.alert().value())
                .containsExactlyInAnyOrder("memory 95.0", "net 5000.0", "out 1.0");
        assertThat(f.queries.alerts(fleet.environment, AlertStateFilter.FIRING, 10)).extracting(v -> v.message())
                .containsExactlyInAnyOrder("memory: memory_percent 95 (threshold 90) on web-1 - -",
                        "net: net_in_bytes_per_second 5000 (threshold 4000) on web-1 - -", "out: events_out_per_second 1 (threshold 5) on - logs -");
    }

    @Test
    void aPipelineReadOnce_hasNoRateYet_soARuleBelowAThresholdDoesNotFireOnIt_untilTheSecondReading() throws Exception {
        FleetFakes fleet = f.fleet;
        var node = fleet.enroll("web-1", Labels.NONE).node();
        PipelineId pipeline = fleet.publish("logs").pipelineId();
        Instant t0 = fleet.clock.instant();
        // e.g. the first heartbeat after a deploy, or after this server started: counters, but no rate
        fleet.live.recordPipeline(node.id(), pipeline, t0, LiveTelemetry.counters(5000L, 5000L, 0L, 0L, 0L, 0L),
                List.of(new ComponentCounters("out", "blackhole", 5000L, 5000L, 0L, 0L, 0L, 0L)));
        rule("out", new AlertCondition.PipelineMetricCondition(pipeline, Optional.empty(), PipelineMetric.EVENTS_OUT_PER_SECOND,
                new Threshold(Comparison.BELOW, 5, 0), false));
        rule("sink", new AlertCondition.PipelineMetricCondition(pipeline, Optional.of(new dev.vectorflow.core.pipeline.ComponentKey("out")),
                PipelineMetric.EVENTS_OUT_PER_SECOND, new Threshold(Comparison.BELOW, 5, 0), true));

        evaluator.evaluate();
        assertThat(f.queries.alerts(fleet.environment, AlertStateFilter.FIRING, 10)).isEmpty();

        fleet.live.recordPipeline(node.id(), pipeline, t0.plusSeconds(10), LiveTelemetry.counters(5010L, 5010L, 0L, 0L, 0L, 0L),
                List.of(new ComponentCounters("out", "blackhole", 5010L, 5010L, 0L, 0L, 0L, 0L)));
        fleet.clock.set(t0.plusSeconds(15));
        evaluator.evaluate();
        assertThat(f.queries.alerts(fleet.environment, AlertStateFilter.FIRING, 10)).extracting(v -> v.ruleName() + " " + v.alert().value())
                .containsExactlyInAnyOrder("out 1.0", "sink 1.0");
    }
}
