package dev.vectorflow.adapter.postgres.alert;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.labels;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.alert.Alert;
import dev.vectorflow.core.alert.AlertId;
import dev.vectorflow.core.alert.AlertRuleId;
import dev.vectorflow.core.alert.AlertStateFilter;
import dev.vectorflow.core.alert.AlertTransition;
import dev.vectorflow.core.alert.Silence;
import dev.vectorflow.core.alert.SilenceId;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.alert.AlertRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link AlertRepository} on {@code alerts}, {@code alert_transitions} and {@code alert_silences}. */
public final class PostgresAlertRepository implements AlertRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresAlertRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public void save(Alert a) {
        Object[] state = AlertRecordMapper.stateColumns(a.state());
        dsl.get().execute("""
                insert into alerts (id, rule_id, environment_id, node_id, pipeline_id, component, item, subject_key, severity, state, since,
                    fired_at, resolved_at, acknowledged_by, acknowledged_at, value, facts, silenced, changed_at)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                on conflict (id) do update set severity = excluded.severity, state = excluded.state, since = excluded.since,
                    fired_at = excluded.fired_at, resolved_at = excluded.resolved_at, acknowledged_by = excluded.acknowledged_by,
                    acknowledged_at = excluded.acknowledged_at, value = excluded.value, facts = excluded.facts, silenced = excluded.silenced,
                    changed_at = excluded.changed_at""",
                a.id().value(), a.rule().value(), a.environmentId().value(), a.subject().node().map(NodeId::value).orElse(null),
                a.subject().pipeline().map(PipelineId::value).orElse(null), a.subject().component().orElse(null), a.subject().item().orElse(null),
                a.subject().key(), a.severity().name(), state[0], utc((Instant) state[1]), utc((Instant) state[2]), utc((Instant) state[3]), state[4],
                utc((Instant) state[5]), AlertRecordMapper.number(a.value()), AlertRecordMapper.json(a.facts()), a.silenced(), utc(a.changedAt()));
    }

    @Override
    public void delete(AlertId id) {
        dsl.get().execute("delete from alerts where id = ?", id.value());
    }

    @Override
    public Optional<Alert> findById(AlertId id) {
        return dsl.get().fetchOptional("select * from alerts where id = ?", id.value()).map(AlertRecordMapper::alert);
    }

    @Override
    public List<Alert> findAll() {
        return dsl.get().fetch("select * from alerts").map(AlertRecordMapper::alert);
    }

    @Override
    public List<Alert> findByEnvironment(EnvironmentId environment, AlertStateFilter filter, Optional<NodeId> node, Optional<PipelineId> pipeline,
                                         int limit) {
        String where = switch (filter) {
            case ALL -> "";
            case PENDING -> " and state = 'PENDING'";
            case FIRING -> " and state = 'FIRING'";
            case ACKNOWLEDGED -> " and state = 'FIRING' and acknowledged_by is not null";
            case RESOLVED -> " and state = 'RESOLVED'";
        };
        return dsl.get().fetch("select * from alerts where environment_id = ?" + where
                        + " and (?::uuid is null or node_id = ?::uuid) and (?::uuid is null or pipeline_id = ?::uuid) order by changed_at desc, id limit ?",
                environment.value(), node.map(NodeId::value).orElse(null), node.map(NodeId::value).orElse(null),
                pipeline.map(PipelineId::value).orElse(null), pipeline.map(PipelineId::value).orElse(null), limit).map(AlertRecordMapper::alert);
    }

    @Override
    public int deleteResolvedBefore(Instant before) {
        return dsl.get().execute("delete from alerts where state = 'RESOLVED' and resolved_at < ?", utc(before));
    }

    @Override
    public void recordTransition(AlertTransition t) {
        dsl.get().execute("insert into alert_transitions (alert_id, from_state, to_state, value, at, by) values (?,?,?,?,?,?)", t.alert().value(),
                t.from().orElse(null), t.to(), AlertRecordMapper.number(t.value()), utc(t.at()), t.by().orElse(null));
    }

    @Override
    public List<AlertTransition> transitions(AlertId alert, int limit) {
        return dsl.get().fetch("select * from alert_transitions where alert_id = ? order by seq desc limit ?", alert.value(), limit)
                .map(r -> {
                    Double value = r.get("value", Double.class);
                    return new AlertTransition(alert, Optional.ofNullable(r.get("from_state", String.class)), r.get("to_state", String.class),
                            value == null ? Double.NaN : value, instant(r, "at"), Optional.ofNullable(r.get("by", String.class)));
                });
    }

    @Override
    public void insertSilence(Silence s) {
        dsl.get().execute("""
                insert into alert_silences (id, environment_id, rule_id, node_id, pipeline_id, selector, until, reason, created_by, created_at)
                values (?,?,?,?,?,?,?,?,?,?)""", s.id().value(), s.environmentId().value(), s.rule().map(AlertRuleId::value).orElse(null),
                s.node().map(NodeId::value).orElse(null), s.pipeline().map(PipelineId::value).orElse(null), labels(s.labels().required()), utc(s.until()), s.reason(), s.createdBy(), utc(s.createdAt()));
    }

    @Override
    public boolean deleteSilence(SilenceId id) {
        return dsl.get().execute("delete from alert_silences where id = ?", id.value()) > 0;
    }

    @Override
    public Optional<Silence> findSilence(SilenceId id) {
        return dsl.get().fetchOptional("select * from alert_silences where id = ?", id.value()).map(PostgresAlertRepository::toSilence);
    }

    @Override
    public List<Silence> activeSilences(Optional<EnvironmentId> environment, Instant now) {
        return environment.map(e -> dsl.get().fetch("select * from alert_silences where environment_id = ? and until > ? order by until, id",
                        e.value(), utc(now)))
                .orElseGet(() -> dsl.get().fetch("select * from alert_silences where until > ? order by until, id", utc(now)))
                .map(PostgresAlertRepository::toSilence);
    }

    private static Silence toSilence(Record r) {
        return new Silence(new SilenceId(r.get("id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                Optional.ofNullable(r.get("rule_id", UUID.class)).map(AlertRuleId::new), Optional.ofNullable(r.get("node_id", UUID.class)).map(NodeId::new),
                Optional.ofNullable(r.get("pipeline_id", UUID.class)).map(PipelineId::new),
                new NodeSelector(labels(r.get("selector", String.class))), instant(r, "until"), r.get("reason", String.class),
                r.get("created_by", String.class), instant(r, "created_at"));
    }
}
