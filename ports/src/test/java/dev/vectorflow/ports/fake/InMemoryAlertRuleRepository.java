package dev.vectorflow.ports.fake;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fake of {@link AlertRuleRepository} over a map; deleting a rule deletes its alerts in the linked alert fake. */
public final class InMemoryAlertRuleRepository implements AlertRuleRepository, InMemoryTransactions.Participant {

    private Map<AlertRuleId, AlertRule> rules = new LinkedHashMap<>();
    private final InMemoryAlertRepository alerts;

    public InMemoryAlertRuleRepository(InMemoryAlertRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public void insert(AlertRule rule) {
        if (rules.putIfAbsent(rule.id(), rule) != null) {
            throw new IllegalStateException("rule " + rule.id() + " exists");
        }
    }

    @Override
    public void update(AlertRule rule) {
        rules.replace(rule.id(), rule);
    }

    @Override
    public boolean delete(AlertRuleId id) {
        alerts.deleteOfRule(id);
        return rules.remove(id) != null;
    }

    @Override
    public Optional<AlertRule> findById(AlertRuleId id) {
        return Optional.ofNullable(rules.get(id));
    }

    @Override
    public List<AlertRule> findByEnvironment(EnvironmentId environment) {
        return rules.values().stream().filter(r -> r.environmentId().equals(environment)).sorted(Comparator.comparing(AlertRule::name)).toList();
    }

    @Override
    public List<AlertRule> findEnabled() {
        return rules.values().stream().filter(AlertRule::enabled).toList();
    }

    @Override
    public void forgetChannel(AlertChannelId channel) {
        rules.replaceAll((id, r) -> {
            if (!r.channels().contains(channel)) {
                return r;
            }
            List<AlertChannelId> kept = new ArrayList<>(r.channels());
            kept.remove(channel);
            return new AlertRule(r.id(), r.environmentId(), r.name(), r.severity(), r.condition(), r.forDuration(), r.cooldown(), r.message(), kept,
                    r.enabled(), r.createdBy(), r.createdAt(), r.updatedAt());
        });
    }

    @Override
    public Object snapshot() {
        return new LinkedHashMap<>(rules);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        rules = new LinkedHashMap<>((Map<AlertRuleId, AlertRule>) snapshot);
    }
}
