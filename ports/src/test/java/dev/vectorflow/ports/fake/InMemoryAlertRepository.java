package dev.vectorflow.ports.fake;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.SilenceId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.alert.AlertRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link AlertRepository} over maps and lists. */
public final class InMemoryAlertRepository implements AlertRepository, InMemoryTransactions.Participant {

    private Map<AlertId, Alert> alerts = new LinkedHashMap<>();
    private List<AlertTransition> transitions = new ArrayList<>();
    private Map<SilenceId, Silence> silences = new LinkedHashMap<>();

    private record State(Map<AlertId, Alert> alerts, List<AlertTransition> transitions, Map<SilenceId, Silence> silences) {
    }

    @Override
    public void save(Alert alert) {
        alerts.put(alert.id(), alert);
    }

    @Override
    public void delete(AlertId id) {
        alerts.remove(id);
        transitions.removeIf(t -> t.alert().equals(id));
    }

    void deleteOfRule(AlertRuleId rule) {
        List.copyOf(alerts.values()).stream().filter(a -> a.rule().equals(rule)).forEach(a -> delete(a.id()));
    }

    @Override
    public Optional<Alert> findById(AlertId id) {
        return Optional.ofNullable(alerts.get(id));
    }

    @Override
    public List<Alert> findAll() {
        return List.copyOf(alerts.values());
    }

    @Override
    public List<Alert> findByEnvironment(EnvironmentId environment, AlertStateFilter filter, Optional<dev.vectorflow.core.fleet.NodeId> node,
                                         Optional<dev.vectorflow.core.pipeline.PipelineId> pipeline, int limit) {
        return alerts.values().stream().filter(a -> a.environmentId().equals(environment) && filter.matches(a.state()))
                .filter(a -> node.isEmpty() || a.subject().node().equals(node))
                .filter(a -> pipeline.isEmpty() || a.subject().pipeline().equals(pipeline))
                .sorted(Comparator.comparing(Alert::changedAt).reversed().thenComparing(a -> a.id().toString())).limit(limit).toList();
    }

    @Override
    public int deleteResolvedBefore(Instant before) {
        List<AlertId> old = alerts.values().stream().filter(a -> a.state() instanceof AlertState.Resolved r && r.resolvedAt().isBefore(before))
                .map(Alert::id).toList();
        old.forEach(this::delete);
        return old.size();
    }

    @Override
    public void recordTransition(AlertTransition transition) {
        transitions.add(transition);
    }

    @Override
    public List<AlertTransition> transitions(AlertId alert, int limit) {
        return transitions.stream().filter(t -> t.alert().equals(alert)).sorted(Comparator.comparing(AlertTransition::at).reversed())
                .limit(limit).toList();
    }

    @Override
    public void insertSilence(Silence silence) {
        silences.put(silence.id(), silence);
    }

    @Override
    public boolean deleteSilence(SilenceId id) {
        return silences.remove(id) != null;
    }

    @Override
    public Optional<Silence> findSilence(SilenceId id) {
        return Optional.ofNullable(silences.get(id));
    }

    @Override
    public List<Silence> activeSilences(Optional<EnvironmentId> environment, Instant now) {
        return silences.values().stream().filter(s -> s.activeAt(now) && environment.map(s.environmentId()::equals).orElse(true))
                .sorted(Comparator.comparing(Silence::until)).toList();
    }

    @Override
    public Object snapshot() {
        return new State(new LinkedHashMap<>(alerts), new ArrayList<>(transitions), new LinkedHashMap<>(silences));
    }

    @Override
    public void restore(Object snapshot) {
        State s = (State) snapshot;
        alerts = new LinkedHashMap<>(s.alerts());
        transitions = new ArrayList<>(s.transitions());
        silences = new LinkedHashMap<>(s.silences());
    }
}
