package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.rollout.RolloutState;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link RolloutRepository} over maps; refuses a second active rollout of a pipeline as the database's index does. */
public final class InMemoryRolloutRepository implements RolloutRepository, InMemoryTransactions.Participant {

    private record State(Map<RolloutId, Rollout> rollouts, Map<RolloutId, List<Decision>> decisions) {
        State copy() {
            Map<RolloutId, List<Decision>> d = new LinkedHashMap<>();
            decisions.forEach((k, v) -> d.put(k, new ArrayList<>(v)));
            return new State(new LinkedHashMap<>(rollouts), d);
        }
    }

    private State state = new State(new LinkedHashMap<>(), new LinkedHashMap<>());

    @Override
    public void insert(Rollout rollout) {
        refuseSecondActive(rollout);
        state.rollouts.put(rollout.id(), rollout);
    }

    @Override
    public void update(Rollout rollout) {
        Rollout stored = state.rollouts.get(rollout.id());
        if (stored == null) {
            return;
        }
        Rollout updated = stored.with(rollout.state(), rollout.currentWave(), rollout.waveStartedAt(), rollout.soakEndsAt(), rollout.updatedAt());
        refuseSecondActive(updated);
        state.rollouts.put(rollout.id(), updated);
    }

    private void refuseSecondActive(Rollout r) {
        if (r.state().active() && state.rollouts.values().stream().anyMatch(o -> !o.id().equals(r.id()) && o.pipelineId().equals(r.pipelineId())
                && o.state().active())) {
            throw new IllegalStateException("pipeline " + r.pipelineId() + " already has an active rollout");
        }
    }

    @Override
    public void addDecision(RolloutId rollout, Decision decision) {
        state.decisions.computeIfAbsent(rollout, r -> new ArrayList<>()).add(decision);
    }

    @Override
    public Optional<Rollout> find(RolloutId id) {
        return Optional.ofNullable(state.rollouts.get(id));
    }

    @Override
    public Optional<Rollout> findActive(PipelineId pipeline) {
        return state.rollouts.values().stream().filter(r -> r.pipelineId().equals(pipeline) && r.state().active()).findFirst();
    }

    @Override
    public List<Rollout> moving() {
        return state.rollouts.values().stream().filter(r -> r.state() == RolloutState.ROLLING || r.state() == RolloutState.SOAKING)
                .sorted(Comparator.comparing(Rollout::createdAt)).toList();
    }

    @Override
    public List<Rollout> activeIn(EnvironmentId environment) {
        return state.rollouts.values().stream().filter(r -> r.environmentId().equals(environment) && r.state().active())
                .sorted(Comparator.comparing(Rollout::createdAt)).toList();
    }

    @Override
    public List<Rollout> ofPipeline(PipelineId pipeline, int limit) {
        return state.rollouts.values().stream().filter(r -> r.pipelineId().equals(pipeline))
                .sorted(Comparator.comparing(Rollout::createdAt).reversed().thenComparing(r -> r.id().value())).limit(limit).toList();
    }

    @Override
    public List<Decision> decisions(RolloutId rollout, int limit) {
        List<Decision> all = state.decisions.getOrDefault(rollout, List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public Object snapshot() {
        return state.copy();
    }

    @Override
    public void restore(Object snapshot) {
        state = ((State) snapshot).copy();
    }
}
