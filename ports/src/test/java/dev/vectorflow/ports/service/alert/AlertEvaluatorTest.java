package dev.vectorflow.ports.service.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.alert.CreateSilenceCommand;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The evaluation rounds on in-memory fakes: lifecycle, hysteresis, cooldown, silences, maintenance, grouping, restarts. */
class AlertEvaluatorTest {

    private final AlertFixture f = new AlertFixture();
    private final NodeId web1 = new NodeId(UUID.randomUUID());
    private final NodeId web2 = new NodeId(UUID.randomUUID());

    private void cpu(double web1Cpu, double web2Cpu) {
        cpu(web1Cpu, web2Cpu, false);
    }

    private void cpu(double web1Cpu, double web2Cpu, boolean web1InMaintenance) {
        FleetReadings r = new FleetReadings();
        r.addNode(f.fleet.environment, new FleetReadings.NodeReading(web1, "web-1", Labels.of(Map.of("role", "web")), web1InMaintenance,
                NodeStatus.HEALTHY)).with(NodeMetric.CPU_PERCENT, web1Cpu);
        r.addNode(f.fleet.environment, new FleetReadings.NodeReading(web2, "web-2", Labels.of(Map.of("role", "web")), false, NodeStatus.HEALTHY))
                .with(NodeMetric.CPU_PERCENT, web2Cpu);
        f.readings = r;
    }

    private List<Alert> alerts(AlertStateFilter filter) throws Exception {
        return f.queries.alerts(f.fleet.environment, filter, 100).stream().map(v -> v.alert()).toList();
    }

    @Test
    void givenCpuOverTheThresholdForTheForDuration_theAlertGoesPendingThenFiring_andOneGroupedNotificationIsQueued() throws Exception {
        AlertChannelId slack = f.slack("ops", "hooks.slack.com");
        AlertRule rule = f.cpuRule(Duration.ofMinutes(5), Duration.ZERO, List.of(slack));
        cpu(95, 97);

        f.evaluator.evaluate();
        assertThat(alerts(AlertStateFilter.PENDING)).hasSize(2);
        assertThat(f.deliveries.all()).isEmpty();

        f.tick(Duration.ofMinutes(5));
        AlertEvaluator.Round round = f.evaluator.evaluate();

        assertThat(round.fired()).isEqualTo(2);
        assertThat(alerts(AlertStateFilter.FIRING)).hasSize(2);
        assertThat(f.deliveries.all()).hasSize(1);
        Notification n = f.deliveries.all().getFirst().notification();
        assertThat(n.event()).isEqualTo(Notification.Event.FIRING);
        assertThat(n.ruleName()).isEqualTo(rule.name());
        assertThat(n.environmentName()).isEqualTo("prod");
        assertThat(n.alerts()).extracting(Notification.Alert::message)
                .containsExactlyInAnyOrder("web-1: CPU 95 % over 90 %", "web-2: CPU 97 % over 90 %");
        Alert firing = alerts(AlertStateFilter.FIRING).getFirst();
        assertThat(f.queries.alert(f.fleet.environment, firing.id()).transitions()).extracting(AlertTransition::to)
                .containsExactly("FIRING", "PENDING");
    }

    @Test
    void aValueHoveringInsideTheHysteresisBand_keepsTheAlertFiring_andAClearValueResolvesItWithANotification() throws Exception {
        AlertChannelId slack = f.slack("ops", "hooks.slack.com");
        f.cpuRule(Duration.ZERO, Duration.ZERO, List.of(slack));
        cpu(95, 10);
        f.evaluator.evaluate();
        for (double hovering : new double[] {89, 91, 86, 90.5}) {
            f.tick(Duration.ofSeconds(10));
            cpu(hovering, 10);
            assertThat(f.evaluator.evaluate().changed()).isZero();
        }
        assertThat(alerts(AlertStateFilter.FIRING)).hasSize(1);

        f.tick(Duration.ofSeconds(10));
        cpu(80, 10);
        AlertEvaluator.Round round = f.evaluator.evaluate();

        assertThat(round.resolved()).isEqualTo(1);
        assertThat(alerts(AlertStateFilter.RESOLVED)).hasSize(1);
        assertThat(f.deliveries.all()).extracting(d -> d.notification().event())
                .containsExactly(Notification.Event.FIRING, Notification.Event.RESOLVED);
        Alert resolved = alerts(AlertStateFilter.RESOLVED).getFirst();
        assertThat(f.queries.alert(f.fleet.environment, resolved.id()).transitions().getFirst().value()).isEqualTo(80);
    }

    @Test
    void givenACooldown_anAlertThatResolved_doesNotFireAgainUntilTheCooldownIsOver() throws Exception {
        f.cpuRule(Duration.ZERO, Duration.ofMinutes(10), List.of());
        cpu(95, 10);
        f.evaluator.evaluate();
        f.tick(Duration.ofMinutes(1));
        cpu(50, 10);
        f.evaluator.evaluate();
        f.tick(Duration.ofMinutes(1));
        cpu(95, 10);

        assertThat(f.evaluator.evaluate().fired()).isZero();
        assertThat(alerts(AlertStateFilter.PENDING)).hasSize(1);
        f.tick(Duration.ofMinutes(9));
        assertThat(f.evaluator.evaluate().fired()).isEqualTo(1);
    }

    @Test
    void aSilenceByPipeline_quietsTheAlertsAboutThatPipelineOnly_andAPipelineOfAnotherEnvironmentIsRefused() throws Exception {
        AlertChannelId slack = f.slack("ops", "hooks.slack.com");
        PipelineId logs = f.fleet.publish("logs").pipelineId();
        PipelineId metrics = f.fleet.publish("metrics").pipelineId();
        f.ruleService.createRule(new SaveAlertRuleCommand(f.actor, f.fleet.environment, "failing", Severity.WARNING,
                new AlertCondition.PipelineFailingCondition(Optional.empty()), Duration.ZERO, Duration.ZERO, MessageTemplate.DEFAULT, List.of(slack),
                true));
        f.silences.createSilence(new CreateSilenceCommand(f.actor, f.fleet.environment, Optional.empty(), Optional.empty(), Optional.of(logs),
                NodeSelector.ALL, f.fleet.clock.instant().plusSeconds(3600), "known"));
        cpu(10, 10);
        f.readings.failingPipeline(f.fleet.environment, new FleetReadings.FailingPipeline(web1, logs, "FAILED", "exit 1"));
        f.readings.failingPipeline(f.fleet.environment, new FleetReadings.FailingPipeline(web1, metrics, "FAILED", "exit 1"));

        f.evaluator.evaluate();

        assertThat(alerts(AlertStateFilter.FIRING)).extracting(a -> a.subject().pipeline().orElseThrow() + " " + a.silenced())
                .containsExactlyInAnyOrder(logs + " true", metrics + " false");
        assertThat(f.deliveries.all()).singleElement().satisfies(d -> assertThat(d.notification().alerts()).hasSize(1));
        PipelineId elsewhere = f.fleet.publish(f.fleet.newEnvironment("staging"), "other").pipelineId();
        assertThatThrownBy(() -> f.silences.createSilence(new CreateSilenceCommand(f.actor, f.fleet.environment, Optional.empty(), Optional.empty(),
                Optional.of(elsewhere), NodeSelector.ALL, f.fleet.clock.instant().plusSeconds(3600), ""))).hasMessageContaining("pipelineId");
    }

    @Test
    void aSilencedOrMaintainedNode_firesQuietly_whileTheOthersAreNotified() throws Exception {
        AlertChannelId slack = f.slack("ops", "hooks.slack.com");
        AlertRule rule = f.cpuRule(Duration.ZERO, Duration.ZERO, List.of(slack));
        f.silences.createSilence(new CreateSilenceCommand(f.actor, f.fleet.environment, Optional.of(rule.id()), Optional.of(web2),
                Optional.empty(), NodeSelector.ALL, f.fleet.clock.instant().plusSeconds(3600), "known"));
        cpu(95, 97, true);

        f.evaluator.evaluate();

        assertThat(alerts(AlertStateFilter.FIRING)).hasSize(2).allMatch(Alert::silenced);
        assertThat(f.deliveries.all()).isEmpty();

        f.tick(Duration.ofHours(2));
        cpu(95, 97, false);
        f.evaluator.evaluate();
        assertThat(alerts(AlertStateFilter.FIRING)).noneMatch(Alert::silenced);
        assertThat(f.deliveries.all()).isEmpty(); // they fired while silenced: lifting the silence does not fire them again
    }

    @Test
    void aRestartedEvaluator_onTheSameStore_neitherFiresAgainNorForgetsWhatFires() throws Exception {
        AlertChannelId slack = f.slack("ops", "hooks.slack.com");
        f.cpuRule(Duration.ZERO, Duration.ZERO, List.of(slack));
        cpu(95, 10);
        f.evaluator.evaluate();
        AlertEvaluator restarted = new AlertEvaluator(f.fleet.transactions, f.rules, f.alerts, f.deliveries, f.fleet.environments,
                (r, now) -> f.readings, f.ids, f.fleet.clock);

        f.tick(Duration.ofSeconds(10));
        assertThat(restarted.evaluate().fired()).isZero();
        f.tick(Duration.ofSeconds(10));
        cpu(10, 10);
        assertThat(restarted.evaluate().resolved()).isEqualTo(1);
        assertThat(f.deliveries.all()).hasSize(2);
    }

    @Test
    void aNodeThatStopsReporting_resolvesItsAlert_andAPendingAlertThatClearsIsForgotten() throws Exception {
        f.cpuRule(Duration.ofMinutes(5), Duration.ZERO, List.of());
        cpu(95, 10);
        f.evaluator.evaluate();
        assertThat(alerts(AlertStateFilter.ALL)).hasSize(1);
        cpu(Double.NaN, 10);
        f.evaluator.evaluate();
        assertThat(alerts(AlertStateFilter.ALL)).isEmpty();
    }

    @Test
    void stateRules_fireForUnreachableNodes_failingPipelines_andExpiringCertificates() throws Exception {
        PipelineId pipeline = f.fleet.publish("logs").pipelineId();
        for (AlertCondition condition : List.of(new AlertCondition.NodeUnreachableCondition(NodeSelector.ALL),
                new AlertCondition.PipelineFailingCondition(Optional.empty()), new AlertCondition.CertificateExpiringCondition(14))) {
            f.ruleService.createRule(new SaveAlertRuleCommand(f.actor, f.fleet.environment, condition.kind(), Severity.WARNING, condition,
                    Duration.ZERO, Duration.ZERO, MessageTemplate.DEFAULT, List.of(), true));
        }
        FleetReadings r = new FleetReadings();
        r.addNode(f.fleet.environment, new FleetReadings.NodeReading(web1, "web-1", Labels.NONE, false, NodeStatus.UNREACHABLE));
        r.addNode(f.fleet.environment, new FleetReadings.NodeReading(web2, "web-2", Labels.NONE, false, NodeStatus.DEGRADED));
        r.failingPipeline(f.fleet.environment, new FleetReadings.FailingPipeline(web2, pipeline, "CRASH_LOOP", "exit 78"));
        r.pipelineName(pipeline, "logs");
        r.certificate(f.fleet.environment, new FleetReadings.CertificateReading("edge-tls", f.fleet.clock.instant().plus(Duration.ofDays(3))));
        r.certificate(f.fleet.environment, new FleetReadings.CertificateReading("fresh", f.fleet.clock.instant().plus(Duration.ofDays(300))));
        f.readings = r;

        f.evaluator.evaluate();

        assertThat(f.queries.alerts(f.fleet.environment, AlertStateFilter.FIRING, 100)).extracting(v -> v.ruleName() + ": " + v.message())
                .containsExactlyInAnyOrder("node_unreachable: node_unreachable: unreachable - (threshold -) on web-1 - -",
                        "pipeline_failing: pipeline_failing: crash_loop - (threshold -) on web-2 logs -",
                        "certificate_expiring: certificate_expiring: days_left 3 (threshold 14) on - - edge-tls");
    }

    @Test
    void aPipelineRule_sumsItsRatesOverTheNodes_orJudgesEachNodeAlone() throws Exception {
        PipelineId pipeline = f.fleet.publish("logs").pipelineId();
        for (boolean perNode : new boolean[] {false, true}) {
            f.ruleService.createRule(new SaveAlertRuleCommand(f.actor, f.fleet.environment, perNode ? "per node" : "total", Severity.WARNING,
                    new AlertCondition.PipelineMetricCondition(pipeline, Optional.of(new ComponentKey("out")), PipelineMetric.EVENTS_OUT_PER_SECOND,
                            new Threshold(Comparison.BELOW, 100, 0), perNode), Duration.ZERO, Duration.ZERO, MessageTemplate.DEFAULT, List.of(), true));
        }
        cpu(10, 10);
        f.readings.pipelineReading(web1, pipeline, "out", new FleetReadings.Rates(0, 60, 0, 0));
        f.readings.pipelineReading(web2, pipeline, "out", new FleetReadings.Rates(0, 150, 0, 0));

        f.evaluator.evaluate();

        assertThat(f.queries.alerts(f.fleet.environment, AlertStateFilter.FIRING, 100)).extracting(v -> v.ruleName() + " " + v.alert().value())
                .containsExactly("per node 60.0");
    }

    @Test
    void aDisabledRule_isNotEvaluated() throws Exception {
        AlertRule rule = f.cpuRule(Duration.ZERO, Duration.ZERO, List.of());
        f.ruleService.updateRule(rule.id(), new SaveAlertRuleCommand(f.actor, f.fleet.environment, rule.name(), rule.severity(), rule.condition(),
                rule.forDuration(), rule.cooldown(), rule.message(), rule.channels(), false));
        cpu(99, 99);
        assertThat(f.evaluator.evaluate().rules()).isZero();
        assertThat(alerts(AlertStateFilter.ALL)).isEmpty();
    }

    @Test
    void eachRuleGetsItsOwnNotificationPerChannel() throws Exception {
        AlertChannelId a = f.slack("a", "a.example.com");
        AlertChannelId b = f.slack("b", "b.example.com");
        f.cpuRule(Duration.ZERO, Duration.ZERO, List.of(a, b));
        cpu(95, 96);
        f.evaluator.evaluate();
        assertThat(f.deliveries.all()).extracting(QueuedDelivery::channel).containsExactlyInAnyOrder(a, b);
        assertThat(f.deliveries.all()).allMatch(d -> d.notification().alerts().size() == 2);
    }
}
