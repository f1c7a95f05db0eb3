package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import dev.vectorflow.ports.in.alert.ManageAlertRulesUseCase;
import dev.vectorflow.ports.in.alert.SaveAlertRuleCommand;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Clock;
import java.time.Instant;
import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertState;
import dev.vectorflow.ports.in.alert.AlertQueries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.UUID;
import java.util.List;
import java.util.Optional;

/** Creates, replaces and deletes alert rules; every change is audited. */
public final class AlertRuleService implements ManageAlertRulesUseCase {

    /** An environment holds at most this many rules. */
    public static final int MAX_RULES = 1000;

    private final Transactions transactions;
    private final AlertRuleRepository rules;
    private final AlertChannelRepository channels;
    private final PipelineRepository pipelines;
    private final FleetAudit audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final ReadingsSource readings;

    /** @param readings what a preview evaluates the unsaved rule against (without moving the evaluation's place in the logs) */
    public AlertRuleService(Transactions transactions, AlertRuleRepository rules, AlertChannelRepository channels, PipelineRepository pipelines,
                            FleetAudit audit, IdGenerator ids, Clock clock, ReadingsSource readings) {
        this.readings = readings;
        this.transactions = transactions;
        this.rules = rules;
        this.channels = channels;
        this.pipelines = pipelines;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public AlertRule createRule(SaveAlertRuleCommand c) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            audit.environment(c.environment());
            checkReferences(c);
            if (rules.findByEnvironment(c.environment()).size() >= MAX_RULES) {
                throw new InvalidValueException("name", "cannot be added: the environment has the most rules it may have (" + MAX_RULES + ")");
            }
            Instant now = clock.instant();
            AlertRule rule = new AlertRule(new AlertRuleId(ids.newId()), c.environment(), c.name(), c.severity(), c.condition(), c.forDuration(),
                    c.cooldown(), c.message(), c.channels(), c.enabled(), c.actor().label(), now, now);
            rules.insert(rule);
            audit.record(c.actor(), "alert-rule.created", "alert-rule", rule.id().toString(), c.environment(), describe(Changes.none(), null, rule));
            return rule;
        });
    }

    @Override
    public AlertRule updateRule(AlertRuleId id, SaveAlertRuleCommand c) throws NotFoundFailure {
        return transactions.inTransaction(() -> {
            AlertRule before = existing(c.environment(), id);
            checkReferences(c);
            AlertRule after = new AlertRule(id, c.environment(), c.name(), c.severity(), c.condition(), c.forDuration(), c.cooldown(), c.message(),
                    c.channels(), c.enabled(), before.createdBy(), before.createdAt(), clock.instant());
            rules.update(after);
            audit.record(c.actor(), "alert-rule.updated", "alert-rule", id.toString(), c.environment(), describe(Changes.none(), before, after));
            return after;
        });
    }

    @Override
    public Preview previewRule(SaveAlertRuleCommand c, int limit) throws NotFoundFailure {
        Instant now = clock.instant();
        AlertRule rule = transactions.inTransaction(() -> {
            audit.environment(c.environment());
            checkReferences(c);
            return new AlertRule(new AlertRuleId(new UUID(0, 0)), c.environment(), c.name(), c.severity(), c.condition(), c.forDuration(),
                    c.cooldown(), c.message(), c.channels(), true, c.actor().label(), now, now);
        });
        long[] next = {0};
        RuleEvaluation.Outcome outcome = RuleEvaluation.evaluate(rule, readings.peek(List.of(rule), now), List.of(), List.of(), now,
                () -> new AlertId(new UUID(0, ++next[0])));
        List<AlertQueries.AlertView> alerts = outcome.saved().stream()
                .sorted(Comparator.comparing((Alert a) -> a.state() instanceof AlertState.Firing ? 0 : 1).thenComparing(a -> a.subject().key()))
                .limit(limit).map(a -> new AlertQueries.AlertView(a, rule.name(), rule.message().render(a.facts()))).toList();
        return new Preview(alerts, outcome.saved().size());
    }

    @Override
    public void deleteRule(Actor actor, EnvironmentId environment, AlertRuleId id) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            AlertRule rule = existing(environment, id);
            rules.delete(id);
            audit.record(actor, "alert-rule.deleted", "alert-rule", id.toString(), environment, Changes.none().field("name", rule.name(), null));
            return null;
        });
    }

    private AlertRule existing(EnvironmentId environment, AlertRuleId id) throws NotFoundFailure {
        audit.environment(environment);
        return rules.findById(id).filter(r -> r.environmentId().equals(environment)).orElseThrow(() -> new NotFoundFailure("Alert rule", id));
    }

    /** Every channel and pipeline the rule names must belong to its environment. */
    private void checkReferences(SaveAlertRuleCommand c) {
        List<InvalidValueException> problems = new ArrayList<>();
        for (AlertChannelId channel : c.channels()) {
            if (channels.findById(channel).filter(s -> s.channel().environmentId().equals(c.environment())).isEmpty()) {
                problems.add(new InvalidValueException("channels", "names " + channel + ", which is no channel of this environment"));
            }
        }
        Optional<PipelineId> pipeline = switch (c.condition()) {
            case AlertCondition.PipelineMetricCondition m -> Optional.of(m.pipeline());
            case AlertCondition.PipelineFailingCondition f -> f.pipeline();
            case AlertCondition.DeploymentNotConvergedCondition d -> d.pipeline();
            case AlertCondition.ThroughputDropCondition t -> Optional.of(t.pipeline());
            case AlertCondition.LogMatchCondition l -> l.pipeline();
            default -> Optional.empty();
        };
        pipeline.filter(p -> pipelines.findById(p).filter(found -> found.environmentId().equals(c.environment())).isEmpty())
                .ifPresent(p -> problems.add(new InvalidValueException("condition.pipeline", "names " + p + ", which is no pipeline of this environment")));
        if (!problems.isEmpty()) {
            throw new InvalidValuesException(problems);
        }
    }

    private static Changes describe(Changes changes, AlertRule before, AlertRule after) {
        return changes.field("name", before == null ? null : before.name(), after.name())
                .field("severity", before == null ? null : before.severity(), after.severity())
                .field("condition", before == null ? null : before.condition().toString(), after.condition().toString())
                .field("forSeconds", before == null ? null : before.forDuration().getSeconds(), after.forDuration().getSeconds())
                .field("cooldownSeconds", before == null ? null : before.cooldown().getSeconds(), after.cooldown().getSeconds())
                .field("message", before == null ? null : before.message().text(), after.message().text())
                .field("channels", before == null ? null : before.channels().toString(), after.channels().toString())
                .field("enabled", before == null ? null : before.enabled(), after.enabled());
    }
}
