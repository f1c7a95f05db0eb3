package dev.vectorflow.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final EnvironmentId ENV = new EnvironmentId(UUID.randomUUID());

    @Test
    void aTemplate_fillsTheFacts_writesMissingOnesAsADash_andRefusesUnknownPlaceholders() {
        MessageTemplate t = new MessageTemplate("{{rule}} on {{node}}: {{ value }} > {{threshold}} ({{pipeline}})");
        assertThat(t.render(Map.of("rule", "cpu", "node", "web-1", "value", "93.5", "threshold", "90"))).isEqualTo("cpu on web-1: 93.5 > 90 (-)");
        assertThatThrownBy(() -> new MessageTemplate("{{host}} is down")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'{{host}}'");
        assertThatThrownBy(() -> new MessageTemplate(" ")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aTemplate_leavesDollarSignsAndBackslashesInFactsAlone() {
        assertThat(new MessageTemplate("{{node}}").render(Map.of("node", "a$1\\b"))).isEqualTo("a$1\\b");
    }

    @Test
    void aRule_refusesNegativeOrTooLongDurations_andTooManyChannels() {
        AlertRule ok = AlertLifecycleTest.cpuRule(Duration.ofMinutes(5), Duration.ZERO);
        assertThatThrownBy(() -> AlertLifecycleTest.cpuRule(Duration.ofSeconds(-1), Duration.ZERO)).isInstanceOf(InvalidValueException.class)
                .hasMessage("'for' must not be negative but was -1 s");
        assertThatThrownBy(() -> AlertLifecycleTest.cpuRule(Duration.ZERO, Duration.ofDays(8))).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("'cooldown' must be at most");
        List<AlertChannelId> many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> new AlertChannelId(UUID.randomUUID())).toList();
        assertThatThrownBy(() -> new AlertRule(ok.id(), ok.environmentId(), ok.name(), ok.severity(), ok.condition(), ok.forDuration(),
                ok.cooldown(), ok.message(), many, true, "", T0, T0)).isInstanceOf(InvalidValueException.class).hasMessageContaining("21");
    }

    @Test
    void conditions_refuseWhatCannotBeEvaluated() {
        assertThatThrownBy(() -> new Threshold(Comparison.ABOVE, Double.NaN, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Threshold(Comparison.ABOVE, 1, -1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new AlertCondition.CertificateExpiringCondition(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> NodeMetric.parse("metric", "cpu")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("cpu_percent");
        assertThatThrownBy(() -> Comparison.parse("comparison", ">=")).isInstanceOf(InvalidValueException.class);
        assertThat(PipelineMetric.parse("metric", "ERROR_RATE_PERCENT")).isEqualTo(PipelineMetric.ERROR_RATE_PERCENT);
        assertThat(PipelineMetric.ERROR_RATE_PERCENT.of(200, 0, 50, 0)).isEqualTo(25);
        assertThat(PipelineMetric.ERROR_RATE_PERCENT.of(0, 0, 50, 0)).isZero();
    }

    @Test
    void aSilence_coversOnlyWhatItsMatchersName_andOnlyUntilItEnds() {
        AlertRuleId rule = new AlertRuleId(UUID.randomUUID());
        NodeId node = new NodeId(UUID.randomUUID());
        Labels web = Labels.of(Map.of("role", "web"));
        Silence byLabel = new Silence(new SilenceId(UUID.randomUUID()), ENV, Optional.empty(), Optional.empty(), Optional.empty(),
                NodeSelector.of(Map.of("role", "web")), T0.plusSeconds(3600), "deploy", "ann", T0);
        assertThat(byLabel.covers(rule, Optional.of(node), Optional.empty(), Optional.of(web), T0)).isTrue();
        assertThat(byLabel.covers(rule, Optional.of(node), Optional.empty(), Optional.of(Labels.NONE), T0)).isFalse();
        assertThat(byLabel.covers(rule, Optional.empty(), Optional.empty(), Optional.empty(), T0)).isFalse();
        assertThat(byLabel.covers(rule, Optional.of(node), Optional.empty(), Optional.of(web), T0.plusSeconds(3600))).isFalse();
        Silence byRule = new Silence(new SilenceId(UUID.randomUUID()), ENV, Optional.of(rule), Optional.empty(), Optional.empty(), NodeSelector.ALL,
                T0.plusSeconds(60), "", "ann", T0);
        assertThat(byRule.covers(rule, Optional.empty(), Optional.empty(), Optional.empty(), T0)).isTrue();
        assertThat(byRule.covers(new AlertRuleId(UUID.randomUUID()), Optional.empty(), Optional.empty(), Optional.empty(), T0)).isFalse();
        PipelineId checkout = new PipelineId(UUID.randomUUID());
        Silence byPipeline = new Silence(new SilenceId(UUID.randomUUID()), ENV, Optional.empty(), Optional.empty(), Optional.of(checkout),
                NodeSelector.ALL, T0.plusSeconds(60), "", "ann", T0);
        assertThat(byPipeline.covers(rule, Optional.of(node), Optional.of(checkout), Optional.of(web), T0)).isTrue();
        assertThat(byPipeline.covers(rule, Optional.of(node), Optional.of(new PipelineId(UUID.randomUUID())), Optional.of(web), T0)).isFalse();
        assertThat(byPipeline.covers(rule, Optional.of(node), Optional.empty(), Optional.of(web), T0)).isFalse();
        assertThatThrownBy(() -> new Silence(new SilenceId(UUID.randomUUID()), ENV, Optional.empty(), Optional.empty(), Optional.empty(), NodeSelector.ALL, T0,
                "", "ann", T0)).isInstanceOf(InvalidValueException.class).hasMessageContaining("'until'");
    }

    @Test
    void aChannel_keepsOnlyTheSettingsItsKindHas() {
        assertThatThrownBy(() -> new AlertChannel(new AlertChannelId(UUID.randomUUID()), ENV, "ops", ChannelKind.SLACK, Map.of("host", "x"),
                java.util.Set.of(), true, "", T0, T0)).isInstanceOf(InvalidValueException.class).hasMessageContaining("settings.host");
        assertThat(ChannelFields.of(ChannelKind.EMAIL).secret()).containsExactly("password");
    }

    @Test
    void retries_doubleUpToTheLongestWait_andStopAfterTheLastAttemptOrAFailureThatCannotSucceed() {
        RetrySchedule s = new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(60), 5);
        assertThat(s.waitAfter(1, true)).contains(Duration.ofSeconds(10));
        assertThat(s.waitAfter(2, true)).contains(Duration.ofSeconds(20));
        assertThat(s.waitAfter(3, true)).contains(Duration.ofSeconds(40));
        assertThat(s.waitAfter(4, true)).contains(Duration.ofSeconds(60));
        assertThat(s.waitAfter(5, true)).isEmpty();
        assertThat(s.waitAfter(1, false)).isEmpty();
    }

    @Test
    void subjects_haveAStableKey_andNumbersPrintForPeople() {
        NodeId node = new NodeId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertThat(AlertSubject.node(node).key()).isEqualTo("node=00000000-0000-0000-0000-000000000001");
        assertThat(AlertSubject.WHOLE_RULE.key()).isEqualTo("rule");
        assertThat(AlertFacts.number(91.256)).isEqualTo("91.26");
        assertThat(AlertFacts.number(90.0)).isEqualTo("90");
        assertThat(AlertFacts.number(Double.NaN)).isEqualTo("n/a");
    }
}
