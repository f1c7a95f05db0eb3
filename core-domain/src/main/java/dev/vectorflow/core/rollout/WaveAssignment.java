package dev.vectorflow.core.rollout;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which wave each node the rollout targets belongs to, taken once when the rollout starts. Waves pick in order among
 * the nodes no earlier wave took, in the order of their names (then ids) so that the choice is stable; nodes no wave
 * took, and nodes that match only later, belong to the last wave.
 */
public final class WaveAssignment {

    /** A node the rollout targets. */
    public record Candidate(NodeId id, String name, Labels labels) {
    }

    private WaveAssignment() {
    }

    public static Map<NodeId, Integer> assign(RolloutPlan plan, List<Candidate> candidates) {
        List<Candidate> left = new ArrayList<>(candidates);
        left.sort(Comparator.comparing(Candidate::name).thenComparing(c -> c.id().value()));
        int total = left.size();
        Map<NodeId, Integer> waves = new LinkedHashMap<>();
        for (int i = 0; i < plan.waves().size() && !left.isEmpty(); i++) {
            List<Candidate> taken = switch (plan.wave(i).size()) {
                case Wave.Nodes n -> new ArrayList<>(left.subList(0, Math.min(n.count(), left.size())));
                case Wave.Percent p -> new ArrayList<>(left.subList(0, Math.min(left.size(), Math.max(1, (int) Math.ceil(total * p.percent() / 100.0)))));
                case Wave.Label l -> left.stream().filter(c -> l.matches(c.labels())).toList();
                case Wave.Rest r -> new ArrayList<>(left);
            };
            for (Candidate c : taken) {
                waves.put(c.id(), i);
            }
            left.removeAll(taken);
        }
        for (Candidate c : left) {
            waves.put(c.id(), plan.lastWave());
        }
        return waves;
    }
}
