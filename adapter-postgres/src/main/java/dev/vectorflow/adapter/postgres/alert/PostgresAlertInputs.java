package dev.vectorflow.adapter.postgres.alert;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.alert.AlertInputs;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link AlertInputs} on the fleet tables: one query per read, for all the environments (or pipelines) at once. */
public final class PostgresAlertInputs implements AlertInputs {

    private final Supplier<DSLContext> dsl;

    public PostgresAlertInputs(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static UUID[] environmentIds(Collection<EnvironmentId> environments) {
        return environments.stream().map(EnvironmentId::value).toArray(UUID[]::new);
    }

    private static EnvironmentId environment(Record r) {
        return new EnvironmentId(r.get("environment_id", UUID.class));
    }

    @Override
    public List<ReportedState> reportedStates(Set<EnvironmentId> environments) {
        return dsl.get().fetch("""
                select n.environment_id, s.node_id, s.pipeline_id, s.version, s.status from node_pipeline_states s
                join nodes n on n.id = s.node_id where n.environment_id = any(?::uuid[])""", (Object) environmentIds(environments))
                .map(r -> new ReportedState(environment(r), new NodeId(r.get("node_id", UUID.class)), new PipelineId(r.get("pipeline_id", UUID.class)),
                        r.get("version", Integer.class), r.get("status", String.class)));
    }

    @Override
    public List<AgentUpdate> lastAgentUpdates(Set<EnvironmentId> environments) {
        return dsl.get().fetch("""
                select distinct on (a.node_id) n.environment_id, a.node_id, a.target_version, a.result_status, a.result_message, a.settled_at
                from node_actions a join nodes n on n.id = a.node_id
                where n.environment_id = any(?::uuid[]) and a.type = 'update' and a.settled_at is not null
                order by a.node_id, a.settled_at desc""", (Object) environmentIds(environments))
                .map(r -> new AgentUpdate(environment(r), new NodeId(r.get("node_id", UUID.class)), String.valueOf(r.get("target_version", String.class)),
                        r.get("result_status", String.class), r.get("result_message", String.class) == null ? "" : r.get("result_message", String.class),
                        instant(r, "settled_at")));
    }

    @Override
    public long lastLogSeq() {
        Long seq = dsl.get().fetchOne("select max(seq) as seq from node_logs").get("seq", Long.class);
        return seq == null ? 0 : seq;
    }

    @Override
    public List<LogLine> logsBetween(Set<EnvironmentId> environments, long afterSeq, long upToSeq, int perNode) {
        return dsl.get().fetch("""
                select seq, environment_id, node_id, pipeline_id, line from (
                    select l.seq, n.environment_id, l.node_id, l.pipeline_id, l.line,
                        row_number() over (partition by l.node_id order by l.seq desc) as rn
                    from node_logs l join nodes n on n.id = l.node_id
                    where l.seq > ? and l.seq <= ? and n.environment_id = any(?::uuid[])) newest
                where rn <= ? order by seq""", afterSeq, upToSeq, environmentIds(environments), perNode)
                .map(r -> new LogLine(r.get("seq", Long.class), environment(r), new NodeId(r.get("node_id", UUID.class)),
                        new PipelineId(r.get("pipeline_id", UUID.class)), r.get("line", String.class)));
    }

    @Override
    public List<ComponentMinuteTotals> componentMinutes(Set<PipelineId> pipelines, Instant from, Instant to) {
        return dsl.get().fetch("""
                select pipeline_id, component_id, max(component_kind) as kind, at, sum(events_in)::bigint as ei, sum(events_out)::bigint as eo
                from component_metrics_minute where pipeline_id = any(?::uuid[]) and at >= ? and at < ?
                group by pipeline_id, component_id, at""", pipelines.stream().map(PipelineId::value).toArray(UUID[]::new), utc(from), utc(to))
                .map(r -> new ComponentMinuteTotals(new PipelineId(r.get("pipeline_id", UUID.class)), r.get("component_id", String.class),
                        r.get("kind", String.class), instant(r, "at"), r.get("ei", Long.class), r.get("eo", Long.class)));
    }
}
