package dev.vectorflow.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    private static RolloutPlan.WaveDraft nodes(int n, int soak) {
        return new RolloutPlan.WaveDraft(n, null, null, null, soak);
    }

    private static RolloutPlan.WaveDraft percent(int p, int soak) {
        return new RolloutPlan.WaveDraft(null, p, null, null, soak);
    }

    private static RolloutPlan.WaveDraft label(String l, int soak) {
        return new RolloutPlan.WaveDraft(null, null, l, null, soak);
    }

    private static RolloutPlan.WaveDraft rest(int soak) {
        return new RolloutPlan.WaveDraft(null, null, null, true, soak);
    }

    private static List<String> problems(RolloutPlan.Draft draft) {
        InvalidValuesException e = catchThrowableOfType(InvalidValuesException.class, () -> RolloutPlan.of(draft));
        assertThat(e).as("the plan is refused").isNotNull();
        return e.problems().stream().map(InvalidValueException::getMessage).toList();
    }

    @Test
    void givenAPresetPlan_whenChecked_thenItsWavesGatesAndDefaultsAreKept() {
        RolloutPlan plan = RolloutPlan.of(new RolloutPlan.Draft(List.of(nodes(1, 60), percent(10, 60), label("canary=true", 30), rest(30)),
                1.0, 2.0, 0.8, true, null));

        assertThat(plan.waves()).extracting(w -> w.size().text()).containsExactly("nodes:1", "percent:10", "label:canary=true", "rest");
        assertThat(plan.gates()).isEqualTo(new Gates(Optional.of(1.0), Optional.of(2.0), Optional.of(0.8)));
        assertThat(plan.rollbackOnFailure()).isTrue();
        assertThat(plan.convergeTimeoutSeconds()).isEqualTo(RolloutPlan.DEFAULT_CONVERGE_TIMEOUT_SECONDS);
        assertThat(plan.waves()).allSatisfy(w -> assertThat(Wave.sizeOf(w.size().text())).isEqualTo(w.size()));
    }

    @Test
    void givenABadPlan_whenChecked_thenEveryProblemIsNamedAtOnce() {
        List<String> problems = problems(new RolloutPlan.Draft(List.of(percent(150, 10), percent(0, 10), label("no-equals", 0),
                new RolloutPlan.WaveDraft(1, 5, null, null, 10), rest(10), nodes(1, -1)), 2.0, 101.0, 1.5, false, 0));

        assertThat(problems).containsExactlyInAnyOrder(
                "'rollout.gates.discardedMarginPercent' must be between 0 and 100 (percentage points) but was 101.0",
                "'rollout.gates.minEventsOutFraction' must be more than 0 and at most 1 but was 1.5",
                "'rollout.waves[0].percent' must be more than 0 and at most 100 but was 150",
                "'rollout.waves[1].percent' must be more than 0 and at most 100 but was 0",
                "'rollout.waves[2].label' must be one key=value label but was 'no-equals'",
                "'rollout.waves[2].soakSeconds' must be more than 0 while gates are set (rates need time to show)",
                "'rollout.waves[3]' must have exactly one of nodes, percent, label or rest: true but has 2",
                "'rollout.waves[4].rest' may only be the last wave",
                "'rollout.waves[5].soakSeconds' must be between 0 and 604800 but was -1",
                "'rollout.convergeTimeoutSeconds' must be between 1 and 86400 but was 0");
    }

    @Test
    void givenNoWavesOrTooMany_whenChecked_thenRefused() {
        assertThat(problems(new RolloutPlan.Draft(List.of(), null, null, null, null, null)))
                .containsExactly("'rollout.waves' must name at least one wave");
        assertThat(problems(new RolloutPlan.Draft(Collections.nCopies(21, nodes(1, 0)), null, null, null, null, null)))
                .containsExactly("'rollout.waves' may have at most 20 waves but has 21");
    }

    @Test
    void givenNoGates_aSoakOfZeroIsFine_andAMissingSoakIsNot() {
        assertThat(RolloutPlan.of(new RolloutPlan.Draft(List.of(nodes(1, 0), rest(0)), null, null, null, null, null)).gates().any()).isFalse();
        assertThat(problems(new RolloutPlan.Draft(List.of(new RolloutPlan.WaveDraft(1, null, null, null, null)), null, null, null, null, null)))
                .containsExactly("'rollout.waves[0].soakSeconds' is required (0 for no soak)");
    }

    private static WaveAssignment.Candidate candidate(String name, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String l : labels) {
            map.put(l.split("=")[0], l.split("=")[1]);
        }
        return new WaveAssignment.Candidate(new NodeId(UUID.nameUUIDFromBytes(name.getBytes())), name, Labels.of(map));
    }

    @Test
    void givenTwentyNodes_whenAssignedToOneNodeTenPercentLabelRest_thenWavesTakeInNameOrderAndLabelsFirstComeFirstServed() {
        List<WaveAssignment.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            candidates.add(i == 17 || i == 18 ? candidate("n%02d".formatted(i), "canary=true") : candidate("n%02d".formatted(i)));
        }
        Collections.shuffle(candidates);
        RolloutPlan plan = RolloutPlan.of(new RolloutPlan.Draft(List.of(nodes(1, 0), percent(10, 0), label("canary=true", 0), rest(0)),
                null, null, null, null, null));

        Map<NodeId, Integer> waves = WaveAssignment.assign(plan, candidates);

        assertThat(waves).hasSize(20);
        assertThat(waves.get(candidate("n00").id())).isZero();
        assertThat(waves.get(candidate("n01").id())).isEqualTo(1);
        assertThat(waves.get(candidate("n02").id())).isEqualTo(1);
        assertThat(waves.get(candidate("n17", "canary=true").id())).isEqualTo(2);
        assertThat(waves.get(candidate("n18", "canary=true").id())).isEqualTo(2);
        assertThat(waves.values().stream().filter(w -> w == 3).count()).isEqualTo(15);
    }

    @Test
    void givenWavesThatDoNotCoverEveryNode_thenTheLeftOversAndLaterNodesBelongToTheLastWave() {
        RolloutPlan plan = RolloutPlan.of(new RolloutPlan.Draft(List.of(nodes(1, 0), nodes(1, 0)), null, null, null, null, null));
        Map<NodeId, Integer> waves = WaveAssignment.assign(plan, List.of(candidate("a"), candidate("b"), candidate("c")));

        assertThat(waves).containsEntry(candidate("a").id(), 0).containsEntry(candidate("b").id(), 1).containsEntry(candidate("c").id(), 1);
        Rollout r = new Rollout(new RolloutId(UUID.randomUUID()), new dev.vectorflow.core.pipeline.PipelineId(UUID.randomUUID()),
                new dev.vectorflow.core.environment.EnvironmentId(UUID.randomUUID()), 2, dev.vectorflow.core.fleet.NodeSelector.ALL,
                Optional.empty(), Optional.empty(), plan, RolloutState.ROLLING, 0, java.time.Instant.EPOCH, Optional.empty(), Optional.empty(),
                waves, java.time.Instant.EPOCH, "ann", java.time.Instant.EPOCH);
        NodeId later = new NodeId(UUID.randomUUID());
        assertThat(r.waveOf(later)).isEqualTo(1);
        assertThat(r.admits(candidate("a").id())).isTrue();
        assertThat(r.admits(later)).isFalse();
        assertThat(r.with(RolloutState.ROLLING, 1, java.time.Instant.EPOCH, Optional.empty(), java.time.Instant.EPOCH).admits(later)).isTrue();
    }

    private static HealthGate.NodeHealth running(String node, HealthGate.Rates rates) {
        return new HealthGate.NodeHealth(node, PipelineRunStatus.RUNNING, true, true, Optional.ofNullable(rates));
    }

    @Test
    void givenACrashOnTheNewVersionOrAFailedSwitchBack_thenTheGateFailsNamingTheNodes_butTheOldVersionsOwnFailuresDoNotCount() {
        List<HealthGate.NodeHealth> nodes = List.of(running("a", null),
                new HealthGate.NodeHealth("b", PipelineRunStatus.CRASH_LOOP, true, false, Optional.empty()),
                new HealthGate.NodeHealth("c", PipelineRunStatus.FAILED, false, true, Optional.empty()),
                new HealthGate.NodeHealth("d", PipelineRunStatus.FAILED, false, false, Optional.empty()),
                new HealthGate.NodeHealth("e", PipelineRunStatus.CRASHED, false, true, Optional.empty()),
                new HealthGate.NodeHealth("f", PipelineRunStatus.CRASH_LOOP, false, true, Optional.empty()));

        assertThat(HealthGate.crashed(nodes)).hasValueSatisfying(v -> assertThat(v.reason())
                .isEqualTo("the new version failed on 2 node(s): b CRASH_LOOP, c FAILED"));
        assertThat(HealthGate.evaluate(Gates.NONE, nodes, Optional.empty()).passed()).isFalse();
        assertThat(HealthGate.crashed(List.of(nodes.get(0), nodes.get(3)))).isEmpty();
        assertThat(HealthGate.crashed(List.of(nodes.get(4), nodes.get(5))))
                .as("the old version crashing after the admission, before the switch reached the node, is not the new version's failure")
                .isEmpty();
    }

    @Test
    void givenRatesBeyondTheMargins_thenTheGateFailsWithTheFigures_andWithinThemItPasses() {
        Gates gates = new Gates(Optional.of(1.0), Optional.of(1.0), Optional.of(0.8));
        HealthGate.Rates before = new HealthGate.Rates(100, 100, 1, 0);

        HealthGate.Verdict bad = HealthGate.evaluate(gates, List.of(running("a", new HealthGate.Rates(100, 50, 5, 3))), Optional.of(before));
        assertThat(bad.passed()).isFalse();
        assertThat(bad.reason()).isEqualTo("error rate 5.00 % is above 1.00 % + margin 1.00; discarded 3.00 % is above 0.00 % + margin 1.00;"
                + " events out 50.00/s is below 0.80 × 100.00/s");
        assertThat(bad.figures()).contains("new per node: in 100.00/s, out 50.00/s", "before per node: in 100.00/s, out 100.00/s");

        assertThat(HealthGate.evaluate(gates, List.of(running("a", new HealthGate.Rates(100, 90, 1.5, 0.5))), Optional.of(before)).passed()).isTrue();
        assertThat(HealthGate.evaluate(gates, List.of(running("a", null)), Optional.of(before)).reason())
                .isEqualTo("every node of the wave runs the new version; rate checks had nothing to compare");
    }

    @Test
    void givenANodeNotYetOnTheNewVersion_thenTheGateFails() {
        HealthGate.Verdict v = HealthGate.evaluate(Gates.NONE, List.of(running("a", null),
                new HealthGate.NodeHealth("b", PipelineRunStatus.RUNNING, false, false, Optional.empty())), Optional.empty());

        assertThat(v.passed()).isFalse();
        assertThat(v.reason()).isEqualTo("1 node(s) of the wave do not run the new version: b not on the new version");
        assertThat(HealthGate.converged(List.of(running("a", null)))).isTrue();
    }
}
