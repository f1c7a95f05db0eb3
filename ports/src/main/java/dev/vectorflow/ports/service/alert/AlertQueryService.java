package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.Acknowledgement;
import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.alert.AcknowledgeAlertUseCase;
import dev.vectorflow.ports.in.alert.AlertQueries;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.AlertRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.alert.StoredChannel;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the alerts feature, and the acknowledgement of a firing alert (stored as a transition and audited). */
public final class AlertQueryService implements AlertQueries, AcknowledgeAlertUseCase {

    public static final int MAX_TRANSITIONS = 100;

    private final Transactions transactions;
    private final AlertRuleRepository rules;
    private final AlertRepository alerts;
    private final AlertChannelRepository channels;
    private final DeliveryRepository deliveries;
    private final FleetAudit audit;
    private final Clock clock;

    public AlertQueryService(Transactions transactions, AlertRuleRepository rules, AlertRepository alerts, AlertChannelRepository channels,
                             DeliveryRepository deliveries, FleetAudit audit, Clock clock) {
        this.transactions = transactions;
        this.rules = rules;
        this.alerts = alerts;
        this.channels = channels;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<AlertRule> rules(EnvironmentId environment) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(environment);
            return rules.findByEnvironment(environment);
        });
    }

    @Override
    public AlertRule rule(EnvironmentId environment, AlertRuleId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(environment);
            return rules.findById(id).filter(r -> r.environmentId().equals(environment)).orElseThrow(() -> new NotFoundFailure("Alert rule", id));
        });
    }

    @Override
    public List<AlertView> alerts(EnvironmentId environment, AlertStateFilter filter, Optional<NodeId> node, Optional<PipelineId> pipeline,
                                  int limit) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(environment);
            Map<AlertRuleId, Optional<AlertRule>> byId = new HashMap<>();
            return alerts.findByEnvironment(environment, filter, node, pipeline, limit).stream()
                    .map(a -> view(a, byId.computeIfAbsent(a.rule(), rules::findById))).toList();
        });
    }

    @Override
    public AlertDetail alert(EnvironmentId environment, AlertId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            Alert alert = existing(environment, id);
            return new AlertDetail(view(alert, rules.findById(alert.rule())), alerts.transitions(id, MAX_TRANSITIONS));
        });
    }

    @Override
    public AlertView acknowledge(Actor actor, EnvironmentId environment, AlertId id) throws NotFoundFailure, ConflictFailure {
        try {
            return transactions.inTransaction(() -> {
                Alert alert = existing(environment, id);
                if (!(alert.state() instanceof AlertState.Firing firing)) {
                    throw ConflictFailure.onState("The alert is " + alert.state().name().toLowerCase(java.util.Locale.ROOT)
                            + ", not firing: only a firing alert can be acknowledged");
                }
                Instant now = clock.instant();
                Alert acknowledged = new Alert(alert.id(), alert.rule(), alert.environmentId(), alert.subject(), alert.severity(),
                        firing.acknowledge(new Acknowledgement(actor.label(), now)), alert.value(), alert.facts(), alert.silenced(), now);
                alerts.save(acknowledged);
                alerts.recordTransition(new AlertTransition(id, Optional.of("FIRING"), "FIRING", alert.value(), now, Optional.of(actor.label())));
                audit.record(actor, "alert.acknowledged", "alert", id.toString(), environment, Changes.none().field("acknowledged", false, true));
                return view(acknowledged, rules.findById(alert.rule()));
            });
        } catch (NotFoundFailure | ConflictFailure e) {
            throw e;
        } catch (DomainFailure e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Silence> silences(EnvironmentId environment) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(environment);
            return alerts.activeSilences(Optional.of(environment), clock.instant());
        });
    }

    @Override
    public List<AlertChannel> channels(EnvironmentId environment) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(environment);
            return channels.findByEnvironment(environment).stream().map(StoredChannel::channel).toList();
        });
    }

    @Override
    public AlertChannel channel(EnvironmentId environment, AlertChannelId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> existingChannel(environment, id));
    }

    @Override
    public List<DeliveryRepository.DeliveryHistory> deliveries(EnvironmentId environment, AlertChannelId channel, int limit) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            existingChannel(environment, channel);
            return deliveries.ofChannel(channel, limit);
        });
    }

    private AlertChannel existingChannel(EnvironmentId environment, AlertChannelId id) throws NotFoundFailure {
        audit.environment(environment);
        return channels.findById(id).map(StoredChannel::channel).filter(c -> c.environmentId().equals(environment))
                .orElseThrow(() -> new NotFoundFailure("Alert channel", id));
    }

    private Alert existing(EnvironmentId environment, AlertId id) throws NotFoundFailure {
        audit.environment(environment);
        return alerts.findById(id).filter(a -> a.environmentId().equals(environment)).orElseThrow(() -> new NotFoundFailure("Alert", id));
    }

    private static AlertView view(Alert alert, Optional<AlertRule> rule) {
        return new AlertView(alert, rule.map(AlertRule::name).orElse(""),
                rule.map(r -> r.message().render(alert.facts())).orElse(alert.facts().getOrDefault("rule", "")));
    }
}
