package dev.vectorflow.ports.service.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.alert.Comparison;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.NodeMetric;
import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.Threshold;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import dev.vectorflow.ports.fake.RecordingNotificationSender;
import dev.vectorflow.ports.in.alert.SaveAlertChannelCommand;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rules, channels, silences and acknowledgements on in-memory fakes. */
class AlertManagementServicesTest {

    private final AlertFixture f = new AlertFixture();

    @Test
    void aRuleNamingAnotherEnvironmentsChannelOrPipeline_isRefusedWithEveryProblem_andNothingIsStored() throws Exception {
        PipelineId elsewhere = f.fleet.publish(f.fleet.newEnvironment("staging"), "logs").pipelineId();
        SaveAlertRuleCommand bad = new SaveAlertRuleCommand(f.actor, f.fleet.environment, "drop", Severity.WARNING,
                new AlertCondition.PipelineMetricCondition(elsewhere, Optional.empty(), PipelineMetric.EVENTS_OUT_PER_SECOND,
                        new Threshold(Comparison.BELOW, 1, 0), false), Duration.ZERO, Duration.ZERO, MessageTemplate.DEFAULT,
                List.of(new AlertChannelId(UUID.randomUUID())), true);

        assertThatThrownBy(() -> f.ruleService.createRule(bad)).isInstanceOfSatisfying(InvalidValuesException.class,
                e -> assertThat(e.problems()).extracting(InvalidValueException::field).containsExactly("channels", "condition.pipeline"));
        assertThat(f.queries.rules(f.fleet.environment)).isEmpty();
        assertThat(f.fleet.auditLog.all()).isEmpty();
    }

    @Test
    void rules_areCreatedUpdatedAndDeletedWithAnAuditEntryEach_andDeletingOneForgetsItsAlerts() throws Exception {
        AlertRule rule = f.cpuRule(Duration.ZERO, Duration.ZERO, List.of());
        f.readings.addNode(f.fleet.environment, new dev.vectorflow.ports.service.alert.FleetReadings.NodeReading(new NodeId(UUID.randomUUID()),
                "web-1", Labels.NONE, false, NodeStatus.HEALTHY)).with(NodeMetric.CPU_PERCENT, 99);
        f.evaluator.evaluate();
        f.ruleService.updateRule(rule.id(), new SaveAlertRuleCommand(f.actor, f.fleet.environment, "cpu very high", Severity.CRITICAL,
                rule.condition(), Duration.ofMinutes(1), Duration.ZERO, rule.message(), List.of(), true));
        assertThat(f.queries.rule(f.fleet.environment, rule.id()).name()).isEqualTo("cpu very high");
        assertThat(f.queries.alerts(f.fleet.environment, AlertStateFilter.FIRING, 10)).hasSize(1);

        f.ruleService.deleteRule(f.actor, f.fleet.environment, rule.id());

        assertThat(f.queries.alerts(f.fleet.environment, AlertStateFilter.ALL, 10)).isEmpty();
        assertThat(f.fleet.auditLog.all()).extracting(AuditEntry::action)
                .containsExactly("alert-rule.created", "alert-rule.updated", "alert-rule.deleted");
        assertThatThrownBy(() -> f.queries.rule(f.fleet.environment, rule.id())).isInstanceOf(NotFoundFailure.class);
        assertThatThrownBy(() -> f.queries.rule(f.fleet.newEnvironment("other"), rule.id())).isInstanceOf(NotFoundFailure.class);
    }

    @Test
    void aChannelsSecrets_areSealed_neverShown_keptWhenLeftOutOfAChange_andNeverInTheAuditLog() throws Exception {
        AlertChannel created = f.channelService.createChannel(new SaveAlertChannelCommand(f.actor, f.fleet.environment, "pager",
                ChannelKind.PAGERDUTY, Map.of(), Map.of("routingKey", "R0UT1NGKEY"), true));
        assertThat(created.secretsSet()).containsExactly("routingKey");
        assertThat(f.channels.findById(created.id()).orElseThrow().sealedSecrets()).doesNotContain("R0UT1NGKEY");

        AlertChannel renamed = f.channelService.updateChannel(created.id(), new SaveAlertChannelCommand(f.actor, f.fleet.environment, "pager 2",
                ChannelKind.PAGERDUTY, Map.of("eventsUrl", "https://events.eu.pagerduty.com/v2/enqueue"), Map.of(), true));
        DeliveryOutcome test = f.channelService.sendTest(f.actor, f.fleet.environment, renamed.id());

        assertThat(test.delivered()).isTrue();
        ChannelTarget.PagerDuty target = (ChannelTarget.PagerDuty) f.sender.sent().getFirst().target();
        assertThat(target.routingKey()).isEqualTo("R0UT1NGKEY");
        assertThat(target.eventsUrl().getHost()).isEqualTo("events.eu.pagerduty.com");
        assertThat(f.sender.sent().getFirst().notification().test()).isTrue();
        assertThat(f.sender.sent().getFirst().policy().allowedPrivateNetworks()).hasSize(1);
        assertThat(f.queries.deliveries(f.fleet.environment, renamed.id(), 10)).singleElement()
                .satisfies(h -> assertThat(h.delivery().status()).isEqualTo(DeliveryStatus.DELIVERED));
        assertThat(f.fleet.auditLog.all()).extracting(AuditEntry::action)
                .containsExactly("alert-channel.created", "alert-channel.updated", "alert-channel.tested");
        assertThat(f.fleet.auditLog.all()).allSatisfy(e -> assertThat(e.changesJson()).doesNotContain("R0UT1NGKEY"));
    }

    @Test
    void aChannelWithMissingOrUnusableSettings_orAnAddressTheGuardRefuses_isRefusedWithEveryProblem() {
        assertThatThrownBy(() -> f.channelService.createChannel(new SaveAlertChannelCommand(f.actor, f.fleet.environment, "mail",
                ChannelKind.EMAIL, Map.of("port", "0", "colour", "red"), Map.of("token", "x"), true)))
                .isInstanceOfSatisfying(InvalidValuesException.class, e -> assertThat(e.problems()).extracting(InvalidValueException::field)
                        .containsExactlyInAnyOrder("settings.colour", "secrets.token", "settings.host", "settings.from", "settings.to"));
        f.sender.refuse("10.0.0.5");
        assertThatThrownBy(() -> f.channelService.createChannel(new SaveAlertChannelCommand(f.actor, f.fleet.environment, "hook",
                ChannelKind.SLACK, Map.of(), Map.of("url", "http://10.0.0.5/hook"), true)))
                .isInstanceOfSatisfying(InvalidValuesException.class, e -> assertThat(e.problems()).extracting(InvalidValueException::field)
                        .containsExactly("secrets.url"));
        assertThatThrownBy(() -> f.channelService.createChannel(new SaveAlertChannelCommand(f.actor, f.fleet.environment, "hook",
                ChannelKind.WEBHOOK, Map.of(), Map.of("url", "ftp://example.com", "signingSecret", "nope"), true)))
                .isInstanceOfSatisfying(InvalidValuesException.class, e -> assertThat(e.problems()).hasSize(1));
        assertThat(f.channels.findByEnvironment(f.fleet.environment)).isEmpty();
    }

    @Test
    void twoChannelsOfOneEnvironment_cannotShareAName() throws Exception {
        f.slack("ops", "hooks.slack.com");
        assertThatThrownBy(() -> f.slack("OPS", "hooks.slack.com")).isInstanceOf(ConflictFailure.class);
    }

    @Test
    void aFiringAlert_canBeAcknowledgedOnce_andSilencedOnItsNode() throws Exception {
        AlertRule rule = f.cpuRule(Duration.ZERO, Duration.ZERO, List.of());
        NodeId node = new NodeId(UUID.randomUUID());
        f.readings.addNode(f.fleet.environment, new FleetReadings.NodeReading(node, "web-1", Labels.NONE, false, NodeStatus.HEALTHY))
                .with(NodeMetric.CPU_PERCENT, 99);
        f.evaluator.evaluate();
        Alert alert = f.queries.alerts(f.fleet.environment, AlertStateFilter.FIRING, 10).getFirst().alert();
        f.tick(Duration.ofSeconds(30));

        var view = f.queries.acknowledge(f.actor, f.fleet.environment, alert.id());
        assertThat(((AlertState.Firing) view.alert().state()).acknowledged()).isPresent();
        assertThat(f.queries.alerts(f.fleet.environment, AlertStateFilter.ACKNOWLEDGED, 10)).hasSize(1);
        assertThat(f.queries.alert(f.fleet.environment, alert.id()).transitions().getFirst().by()).contains("cli");

        Silence silence = f.silences.silenceAlert(f.actor, f.fleet.environment, alert.id(), f.fleet.clock.instant().plusSeconds(600), "on it");
        assertThat(silence.rule()).contains(rule.id());
        assertThat(silence.node()).contains(node);
        f.evaluator.evaluate();
        assertThat(f.queries.alerts(f.fleet.environment, AlertStateFilter.FIRING, 10)).singleElement().satisfies(v -> assertThat(v.alert().silenced()).isTrue());

        f.readings = new FleetReadings();
        f.evaluator.evaluate();
        assertThatThrownBy(() -> f.queries.acknowledge(f.actor, f.fleet.environment, alert.id())).isInstanceOf(ConflictFailure.class);
    }

    @Test
    void aSilenceTooFarAhead_isRefused_andAnEndedOneIsNoLongerListed() throws Exception {
        assertThatThrownBy(() -> f.silences.createSilence(new dev.vectorflow.ports.in.alert.CreateSilenceCommand(f.actor, f.fleet.environment,
                Optional.empty(), Optional.empty(), Optional.empty(), NodeSelector.ALL, f.fleet.clock.instant().plus(Duration.ofDays(91)), "")))
                .isInstanceOf(InvalidValueException.class);
        Silence s = f.silences.createSilence(new dev.vectorflow.ports.in.alert.CreateSilenceCommand(f.actor, f.fleet.environment,
                Optional.empty(), Optional.empty(), Optional.empty(), NodeSelector.of(Map.of("role", "web")), f.fleet.clock.instant().plusSeconds(60),
                "deploy"));
        assertThat(f.queries.silences(f.fleet.environment)).containsExactly(s);
        f.silences.deleteSilence(f.actor, f.fleet.environment, s.id());
        assertThat(f.queries.silences(f.fleet.environment)).isEmpty();
        assertThat(f.fleet.auditLog.all()).extracting(AuditEntry::action).containsExactly("silence.created", "silence.deleted");
    }

    @Test
    void aSenderThatThrows_isStoredAsAFailedTestAttempt() throws Exception {
        AlertChannelId ops = f.slack("ops", "boom.example.com");
        f.sender.script("boom.example.com", n -> {
            throw new IllegalStateException("boom");
        });
        DeliveryOutcome outcome = f.channelService.sendTest(f.actor, f.fleet.environment, ops);
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e).contains("boom"));
        assertThat(RecordingNotificationSender.delivered().delivered()).isTrue();
    }
}
