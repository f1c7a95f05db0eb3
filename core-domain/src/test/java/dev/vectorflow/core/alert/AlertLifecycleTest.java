package dev.vectorflow.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static AlertRule cpuRule(Duration forDuration, Duration cooldown) {
        return new AlertRule(new AlertRuleId(UUID.randomUUID()), new EnvironmentId(UUID.randomUUID()), "cpu high", Severity.CRITICAL,
                new AlertCondition.NodeMetricCondition(NodeMetric.CPU_PERCENT, new Threshold(Comparison.ABOVE, 90, 5), NodeSelector.ALL),
                forDuration, cooldown, MessageTemplate.DEFAULT, List.of(), true, "ann", T0, T0);
    }

    private static Optional<AlertState> step(AlertRule rule, Optional<AlertState> current, Verdict verdict, Instant at) {
        return AlertLifecycle.next(rule, current, verdict, at);
    }

    @Test
    void givenAForDuration_aBreach_isPendingUntilItHeldThatLong_thenFires() {
        AlertRule rule = cpuRule(Duration.ofMinutes(5), Duration.ZERO);
        Optional<AlertState> s = step(rule, Optional.empty(), Verdict.BREACH, T0);
        assertThat(s).containsInstanceOf(AlertState.Pending.class);
        s = step(rule, s, Verdict.BREACH, T0.plusSeconds(299));
        assertThat(s.orElseThrow().name()).isEqualTo("PENDING");
        s = step(rule, s, Verdict.BREACH, T0.plusSeconds(300));
        assertThat(s.orElseThrow()).isEqualTo(new AlertState.Firing(T0, T0.plusSeconds(300), Optional.empty()));
    }

    @Test
    void givenNoForDuration_aBreach_firesAtOnce() {
        assertThat(step(cpuRule(Duration.ZERO, Duration.ZERO), Optional.empty(), Verdict.BREACH, T0).orElseThrow().name()).isEqualTo("FIRING");
    }

    @Test
    void givenAPendingAlert_aClearReading_forgetsIt_andAClearReadingWithoutAnAlertKeepsNothing() {
        AlertRule rule = cpuRule(Duration.ofMinutes(5), Duration.ZERO);
        Optional<AlertState> pending = step(rule, Optional.empty(), Verdict.BREACH, T0);
        assertThat(step(rule, pending, Verdict.CLEAR, T0.plusSeconds(10))).isEmpty();
        assertThat(step(rule, Optional.empty(), Verdict.CLEAR, T0)).isEmpty();
        assertThat(step(rule, Optional.empty(), Verdict.HOLD, T0)).isEmpty();
    }

    @Test
    void givenAFiringAlert_aValueInsideTheHysteresisBand_keepsItFiring_andOnlyAClearReadingResolvesIt() {
        AlertRule rule = cpuRule(Duration.ZERO, Duration.ZERO);
        Optional<AlertState> firing = step(rule, Optional.empty(), Verdict.BREACH, T0);
        Threshold threshold = rule.condition().threshold().orElseThrow();
        assertThat(threshold.judge(89)).isEqualTo(Verdict.HOLD);
        assertThat(step(rule, firing, threshold.judge(89), T0.plusSeconds(10))).isEqualTo(firing);
        assertThat(threshold.judge(85)).isEqualTo(Verdict.CLEAR);
        assertThat(step(rule, firing, threshold.judge(85), T0.plusSeconds(20)).orElseThrow())
                .isEqualTo(new AlertState.Resolved(T0, T0.plusSeconds(20)));
    }

    @Test
    void givenACooldown_aResolvedAlertThatBreachesAgain_waitsPendingUntilTheCooldownIsOver() {
        AlertRule rule = cpuRule(Duration.ZERO, Duration.ofMinutes(10));
        Optional<AlertState> resolved = Optional.of(new AlertState.Resolved(T0, T0.plusSeconds(60)));
        Optional<AlertState> again = step(rule, resolved, Verdict.BREACH, T0.plusSeconds(120));
        assertThat(again.orElseThrow().name()).isEqualTo("PENDING");
        assertThat(step(rule, again, Verdict.CLEAR, T0.plusSeconds(130))).isEqualTo(Optional.of(new AlertState.Resolved(T0.plusSeconds(60),
                T0.plusSeconds(60))));
        assertThat(step(rule, again, Verdict.BREACH, T0.plusSeconds(660)).orElseThrow().name()).isEqualTo("FIRING");
    }

    @Test
    void anAcknowledgedAlert_staysAcknowledgedWhileItFires() {
        AlertRule rule = cpuRule(Duration.ZERO, Duration.ZERO);
        AlertState.Firing firing = new AlertState.Firing(T0, T0, Optional.empty()).acknowledge(new Acknowledgement("bob", T0.plusSeconds(5)));
        assertThat(step(rule, Optional.of(firing), Verdict.BREACH, T0.plusSeconds(10))).contains(firing);
    }

    @Test
    void aBelowThreshold_breachesUnderTheLimit_andClearsOnlyAboveLimitPlusHysteresis() {
        Threshold low = new Threshold(Comparison.BELOW, 100, 10);
        assertThat(low.judge(99)).isEqualTo(Verdict.BREACH);
        assertThat(low.judge(105)).isEqualTo(Verdict.HOLD);
        assertThat(low.judge(110)).isEqualTo(Verdict.CLEAR);
    }
}
