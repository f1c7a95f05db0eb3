package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.HealthGate;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.core.rollout.RolloutState;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link RolloutRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class RolloutRepositoryContract extends FleetStoreContract {

    private RolloutRepository rollouts() {
        return store().rollouts();
    }

    private static RolloutPlan plan() {
        return RolloutPlan.of(new RolloutPlan.Draft(List.of(new RolloutPlan.WaveDraft(1, null, null, null, 30),
                new RolloutPlan.WaveDraft(null, null, "canary=yes;@x", null, 60), new RolloutPlan.WaveDraft(null, null, null, true, 10)),
                1.5, null, 0.8, true, 120));
    }

    private static Rollout rollout(PipelineId pipeline, EnvironmentId environment, Map<NodeId, Integer> assignment, RolloutState state) {
        return new Rollout(new RolloutId(UUID.randomUUID()), pipeline, environment, 2, NodeSelector.of(Map.of("zone", "eu")), Optional.of(1),
                Optional.of(NodeSelector.ALL), plan(), state, 0, T0, Optional.empty(), Optional.of(new HealthGate.Rates(10, 9, 0.5, 0.25)),
                assignment, T0, "user:ann@example.com", T0);
    }

    @Test
    void givenAStoredRollout_whenReadBack_thenPlanGatesAssignmentAndBaselineAreAsStored() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 2);
        NodeId a = newNode(environment, "a").id();
        NodeId b = newNode(environment, "b").id();
        Rollout stored = rollout(pipeline, environment, Map.of(a, 0, b, 1), RolloutState.ROLLING);

        inTransaction(() -> rollouts().insert(stored));

        assertThat(inTransaction(() -> rollouts().find(stored.id()))).contains(stored);
        assertThat(inTransaction(() -> rollouts().findActive(pipeline))).contains(stored);
        assertThat(inTransaction(() -> rollouts().activeIn(environment))).containsExactly(stored);
        assertThat(inTransaction(() -> rollouts().moving())).contains(stored);
    }

    @Test
    void givenARollout_whenItsStateMoves_thenOnlyActiveOnesAreFoundActiveAndOnlyRollingOrSoakingOnesMove() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 2);
        Rollout r = rollout(pipeline, environment, Map.of(), RolloutState.ROLLING);
        inTransaction(() -> rollouts().insert(r));

        Rollout paused = r.with(RolloutState.PAUSED, 1, T0.plusSeconds(5), Optional.of(T0.plusSeconds(65)), T0.plusSeconds(70));
        inTransaction(() -> rollouts().update(paused));
        assertThat(inTransaction(() -> rollouts().find(r.id()))).contains(paused);
        assertThat(inTransaction(() -> rollouts().findActive(pipeline))).contains(paused);
        assertThat(inTransaction(() -> rollouts().moving())).doesNotContain(paused);

        Rollout done = paused.with(RolloutState.COMPLETED, 1, T0, Optional.empty(), T0.plusSeconds(80));
        inTransaction(() -> rollouts().update(done));
        assertThat(inTransaction(() -> rollouts().findActive(pipeline))).isEmpty();
        assertThat(inTransaction(() -> rollouts().activeIn(environment))).isEmpty();
    }

    @Test
    void aPipelineHasAtMostOneActiveRollout() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 2);
        inTransaction(() -> rollouts().insert(rollout(pipeline, environment, Map.of(), RolloutState.SOAKING)));

        assertThatThrownBy(() -> inTransaction(() -> rollouts().insert(rollout(pipeline, environment, Map.of(), RolloutState.ROLLING))))
                .isInstanceOf(RuntimeException.class);
        assertThat(inTransaction(() -> rollouts().ofPipeline(pipeline, 10))).hasSize(1);
        inTransaction(() -> rollouts().insert(rollout(pipeline, environment, Map.of(), RolloutState.SUPERSEDED)));
    }

    @Test
    void thePipelinesRollouts_areListedLatestFirst_upToTheLimit_andTheDecisionLogKeepsTheLatestInOrder() {
        EnvironmentId environment = newEnvironment();
        PipelineId pipeline = newPipeline(environment, 2);
        Rollout first = rollout(pipeline, environment, Map.of(), RolloutState.COMPLETED);
        Rollout second = new Rollout(new RolloutId(UUID.randomUUID()), pipeline, environment, 2, NodeSelector.ALL, Optional.empty(),
                Optional.empty(), plan(), RolloutState.ROLLED_BACK, 1, T0, Optional.of(T0.plusSeconds(30)), Optional.empty(), Map.of(),
                T0.plusSeconds(100), "ann", T0.plusSeconds(100));
        Rollout third = new Rollout(new RolloutId(UUID.randomUUID()), pipeline, environment, 2, NodeSelector.ALL, Optional.empty(),
                Optional.empty(), plan(), RolloutState.ABORTED, 0, T0, Optional.empty(), Optional.empty(), Map.of(), T0.plusSeconds(200), "ann",
                T0.plusSeconds(200));
        inTransaction(() -> {
            rollouts().insert(first);
            rollouts().insert(second);
            rollouts().insert(third);
        });

        assertThat(inTransaction(() -> rollouts().ofPipeline(pipeline, 2))).containsExactly(third, second);

        for (int i = 0; i < 5; i++) {
            Decision d = new Decision(T0.plusSeconds(i), i, Decision.Kind.GATE_PASSED, "reason " + i, "figures " + i);
            inTransaction(() -> rollouts().addDecision(second.id(), d));
        }
        assertThat(inTransaction(() -> rollouts().decisions(second.id(), 3))).extracting(Decision::reason)
                .containsExactly("reason 2", "reason 3", "reason 4");
        assertThat(inTransaction(() -> rollouts().decisions(first.id(), 3))).isEmpty();
    }
}
