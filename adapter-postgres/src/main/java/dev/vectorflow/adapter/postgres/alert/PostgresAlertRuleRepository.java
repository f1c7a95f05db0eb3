package dev.vectorflow.adapter.postgres.alert;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertRule;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link AlertRuleRepository} on {@code alert_rules} (deleting a rule deletes its alerts by cascade). */
public final class PostgresAlertRuleRepository implements AlertRuleRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresAlertRuleRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static AlertRule toRule(Record r) {
        return new AlertRule(new AlertRuleId(r.get("id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                r.get("name", String.class), Severity.valueOf(r.get("severity", String.class)), AlertRecordMapper.condition(r),
                Duration.ofSeconds(r.get("for_seconds", Long.class)), Duration.ofSeconds(r.get("cooldown_seconds", Long.class)),
                new MessageTemplate(r.get("message", String.class)), AlertRecordMapper.channelIds(r.get("channels", String.class)),
                r.get("enabled", Boolean.class), r.get("created_by", String.class), instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static Object[] values(AlertRule rule) {
        Object[] condition = AlertRecordMapper.conditionColumns(rule.condition());
        Object[] values = new Object[13 + condition.length];
        values[0] = rule.environmentId().value();
        values[1] = rule.name();
        values[2] = rule.severity().name();
        System.arraycopy(condition, 0, values, 3, condition.length);
        int i = 3 + condition.length;
        values[i++] = rule.forDuration().getSeconds();
        values[i++] = rule.cooldown().getSeconds();
        values[i++] = rule.message().text();
        values[i++] = AlertRecordMapper.ids(rule.channels());
        values[i++] = rule.enabled();
        values[i++] = rule.createdBy();
        values[i++] = utc(rule.createdAt());
        values[i++] = utc(rule.updatedAt());
        values[i++] = rule.id().value();
        return java.util.Arrays.copyOf(values, i);
    }

    private static final String COLUMNS = "environment_id, name, severity, kind, metric, comparison, threshold, hysteresis, selector, pipeline_id,"
            + " component, per_node, days, minutes, percent, pattern, regex, min_count, for_seconds, cooldown_seconds, message, channels, enabled, created_by, created_at, updated_at, id";

    @Override
    public void insert(AlertRule rule) {
        dsl.get().execute("insert into alert_rules (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values(rule));
    }

    @Override
    public void update(AlertRule rule) {
        dsl.get().execute("""
                update alert_rules set environment_id = ?, name = ?, severity = ?, kind = ?, metric = ?, comparison = ?, threshold = ?,
                    hysteresis = ?, selector = ?, pipeline_id = ?, component = ?, per_node = ?, days = ?, minutes = ?,
                    percent = ?, pattern = ?, regex = ?, min_count = ?, for_seconds = ?, cooldown_seconds = ?,
                    message = ?, channels = ?, enabled = ?, created_by = ?, created_at = ?, updated_at = ?
                where id = ?""", values(rule));
    }

    @Override
    public boolean delete(AlertRuleId id) {
        return dsl.get().execute("delete from alert_rules where id = ?", id.value()) > 0;
    }

    @Override
    public Optional<AlertRule> findById(AlertRuleId id) {
        return dsl.get().fetchOptional("select * from alert_rules where id = ?", id.value()).map(PostgresAlertRuleRepository::toRule);
    }

    @Override
    public List<AlertRule> findByEnvironment(EnvironmentId environment) {
        return dsl.get().fetch("select * from alert_rules where environment_id = ? order by name, id", environment.value())
                .map(PostgresAlertRuleRepository::toRule);
    }

    @Override
    public List<AlertRule> findEnabled() {
        return dsl.get().fetch("select * from alert_rules where enabled order by environment_id, name, id").map(PostgresAlertRuleRepository::toRule);
    }

    @Override
    public void forgetChannel(AlertChannelId channel) {
        for (AlertRule rule : dsl.get().fetch("select * from alert_rules where position(? in channels) > 0 for update", channel.toString())
                .map(PostgresAlertRuleRepository::toRule)) {
            List<AlertChannelId> kept = rule.channels().stream().filter(c -> !c.equals(channel)).toList();
            dsl.get().execute("update alert_rules set channels = ? where id = ?", AlertRecordMapper.ids(kept), rule.id().value());
        }
    }
}
