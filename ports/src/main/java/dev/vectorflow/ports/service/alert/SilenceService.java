package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.SilenceId;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.alert.CreateSilenceCommand;
import dev.vectorflow.ports.in.alert.ManageSilencesUseCase;
import dev.vectorflow.ports.out.alert.AlertRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Creates and ends silences (audited); at most 90 days ahead and 500 active per environment. */
public final class SilenceService implements ManageSilencesUseCase {

    public static final Duration LONGEST = Duration.ofDays(90);
    public static final int MAX_ACTIVE = 500;

    private final Transactions transactions;
    private final AlertRepository alerts;
    private final AlertRuleRepository rules;
    private final PipelineRepository pipelines;
    private final FleetAudit audit;
    private final IdGenerator ids;
    private final Clock clock;

    public SilenceService(Transactions transactions, AlertRepository alerts, AlertRuleRepository rules, PipelineRepository pipelines, FleetAudit audit,
                          IdGenerator ids, Clock clock) {
        this.pipelines = pipelines;
        this.transactions = transactions;
        this.alerts = alerts;
        this.rules = rules;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Silence createSilence(CreateSilenceCommand c) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(c.environment());
            if (c.rule().isPresent() && rules.findById(c.rule().get()).filter(r -> r.environmentId().equals(c.environment())).isEmpty()) {
                throw new InvalidValueException("ruleId", "names " + c.rule().get() + ", which is no rule of this environment");
            }
            if (c.pipeline().isPresent() && pipelines.findById(c.pipeline().get()).filter(p -> p.environmentId().equals(c.environment())).isEmpty()) {
                throw new InvalidValueException("pipelineId", "names " + c.pipeline().get() + ", which is no pipeline of this environment");
            }
            return insert(c.actor(), c.environment(), c.rule(), c.node(), c.pipeline(), c.labels(), c.until(), c.reason());
        });
    }

    @Override
    public Silence silenceAlert(Actor actor, EnvironmentId environment, AlertId alertId, Instant until, String reason) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(environment);
            Alert alert = alerts.findById(alertId).filter(a -> a.environmentId().equals(environment))
                    .orElseThrow(() -> new NotFoundFailure("Alert", alertId));
            return insert(actor, environment, Optional.of(alert.rule()), alert.subject().node(), Optional.empty(), NodeSelector.ALL, until, reason);
        });
    }

    private Silence insert(Actor actor, EnvironmentId environment, Optional<dev.vectorflow.core.alert.AlertRuleId> rule,
                           Optional<dev.vectorflow.core.fleet.NodeId> node, Optional<PipelineId> pipeline, NodeSelector labels, Instant until,
                           String reason)
            throws NotFoundFailure {
        Instant now = clock.instant();
        if (until.isAfter(now.plus(LONGEST))) {
            throw new InvalidValueException("until", "must be at most " + LONGEST.toDays() + " days ahead but was " + until);
        }
        if (alerts.activeSilences(Optional.of(environment), now).size() >= MAX_ACTIVE) {
            throw new InvalidValueException("until", "cannot be added: the environment has " + MAX_ACTIVE + " active silences");
        }
        Silence silence = new Silence(new SilenceId(ids.newId()), environment, rule, node, pipeline, labels, until, reason, actor.label(), now);
        alerts.insertSilence(silence);
        audit.record(actor, "silence.created", "silence", silence.id().toString(), environment, Changes.none()
                .field("ruleId", null, rule.map(Object::toString).orElse(null)).field("nodeId", null, node.map(Object::toString).orElse(null))
                .field("pipelineId", null, pipeline.map(Object::toString).orElse(null))
                .field("selector", null, labels.required().isEmpty() ? null : labels.toString()).field("until", null, until.toString())
                .field("reason", null, silence.reason()));
        return silence;
    }

    @Override
    public void deleteSilence(Actor actor, EnvironmentId environment, SilenceId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            audit.environment(environment);
            Silence silence = alerts.findSilence(id).filter(s -> s.environmentId().equals(environment))
                    .orElseThrow(() -> new NotFoundFailure("Silence", id));
            alerts.deleteSilence(id);
            audit.record(actor, "silence.deleted", "silence", id.toString(), environment, Changes.none().field("until", silence.until().toString(),
                    null));
            return null;
        });
    }
}
