package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.DeliveryId;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.alert.AlertRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.alert.Notification;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The periodic evaluation of every enabled rule (run by one server, under a lease): reads the rules, the stored alerts
 * and the active silences, gathers the readings, evaluates each rule and stores in one unit of work every alert that
 * changed, its transition, and one queued delivery per channel for each group of alerts that fired or resolved. The
 * state lives in the database, so another server (or this one after a restart) goes on where the last round stopped.
 */
public final class AlertEvaluator {

    /** Resolved alerts are forgotten this long after they resolved (longer than the longest cooldown). */
    static final Duration KEEP_RESOLVED = Duration.ofDays(8);

    /** What one round did. */
    public record Round(int rules, int changed, int fired, int resolved, int queued) {
    }

    private final Transactions transactions;
    private final AlertRuleRepository rules;
    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;
    private final EnvironmentRepository environments;
    private final ReadingsSource readings;
    private final IdGenerator ids;
    private final Clock clock;
    private final AlertLinks links;

    public AlertEvaluator(Transactions transactions, AlertRuleRepository rules, AlertRepository alerts, DeliveryRepository deliveries,
                          EnvironmentRepository environments, ReadingsSource readings, IdGenerator ids, Clock clock) {
        this(transactions, rules, alerts, deliveries, environments, readings, ids, clock, AlertLinks.NONE);
    }

    /** @param links where notifications link to in the UI */
    public AlertEvaluator(Transactions transactions, AlertRuleRepository rules, AlertRepository alerts, DeliveryRepository deliveries,
                          EnvironmentRepository environments, ReadingsSource readings, IdGenerator ids, Clock clock, AlertLinks links) {
        this.links = links;
        this.transactions = transactions;
        this.rules = rules;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.environments = environments;
        this.readings = readings;
        this.ids = ids;
        this.clock = clock;
    }

    private record Stored(List<AlertRule> rules, List<Alert> alerts, List<Silence> silences) {
    }

    public Round evaluate() {
        Instant now = clock.instant();
        Stored stored = transactions.inTransaction(() -> new Stored(rules.findEnabled(), alerts.findAll(),
                alerts.activeSilences(Optional.empty(), now)));
        FleetReadings fleet = readings.read(stored.rules(), now);
        Map<AlertRuleId, List<Alert>> alertsByRule = new HashMap<>();
        for (Alert a : stored.alerts()) {
            alertsByRule.computeIfAbsent(a.rule(), r -> new ArrayList<>()).add(a);
        }
        Map<EnvironmentId, List<Silence>> silencesByEnvironment = new HashMap<>();
        for (Silence s : stored.silences()) {
            silencesByEnvironment.computeIfAbsent(s.environmentId(), e -> new ArrayList<>()).add(s);
        }
        List<RuleEvaluation.Outcome> outcomes = new ArrayList<>();
        List<AlertRule> evaluated = new ArrayList<>();
        for (AlertRule rule : stored.rules()) {
            RuleEvaluation.Outcome outcome = RuleEvaluation.evaluate(rule, fleet, alertsByRule.getOrDefault(rule.id(), List.of()),
                    silencesByEnvironment.getOrDefault(rule.environmentId(), List.of()), now, () -> new AlertId(ids.newId()));
            outcomes.add(outcome);
            evaluated.add(rule);
        }
        return transactions.inTransaction(() -> {
            int changed = 0;
            int fired = 0;
            int resolved = 0;
            int queued = 0;
            Map<EnvironmentId, String> environmentNames = new HashMap<>();
            for (int i = 0; i < outcomes.size(); i++) {
                RuleEvaluation.Outcome o = outcomes.get(i);
                AlertRule rule = evaluated.get(i);
                o.saved().forEach(alerts::save);
                o.forgotten().forEach(alerts::delete);
                o.transitions().forEach(alerts::recordTransition);
                changed += o.saved().size() + o.forgotten().size();
                fired += o.fired().size();
                resolved += o.resolved().size();
                if (rule.channels().isEmpty() || o.fired().isEmpty() && o.resolved().isEmpty()) {
                    continue;
                }
                String environment = environmentNames.computeIfAbsent(rule.environmentId(),
                        id -> environments.findById(id).map(e -> e.name().value()).orElse(id.toString()));
                queued += enqueue(rule, Notification.Event.FIRING, o.fired(), environment, now);
                queued += enqueue(rule, Notification.Event.RESOLVED, o.resolved(), environment, now);
            }
            alerts.deleteResolvedBefore(now.minus(KEEP_RESOLVED));
            return new Round(evaluated.size(), changed, fired, resolved, queued);
        });
    }

    private int enqueue(AlertRule rule, Notification.Event event, List<Alert> group, String environment, Instant now) {
        if (group.isEmpty()) {
            return 0;
        }
        // one alert: the link opens it; several: the first of them, in the list that shows the others too
        Notification notification = AlertNotifications.of(ids.newId().toString(), event, rule, environment, group, now, false,
                links.toAlert(rule.environmentId(), group.getFirst().id()));
        for (AlertChannelId channel : rule.channels()) {
            deliveries.enqueue(new QueuedDelivery(new DeliveryId(ids.newId()), channel, notification, DeliveryStatus.QUEUED, 0, now, now));
        }
        return rule.channels().size();
    }
}
