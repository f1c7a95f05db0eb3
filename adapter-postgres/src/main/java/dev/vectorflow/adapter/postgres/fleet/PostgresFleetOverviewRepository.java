package dev.vectorflow.adapter.postgres.fleet;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * {@link FleetOverviewRepository}: group-by counts over {@code nodes} and {@code node_pipeline_states}, capped attention
 * lists with their totals (a window count, so one query each), the environment's flow from the component rollups
 * (hourly ones beyond two days), update actions by target version, and {@code node_agent_versions}.
 */
public final class PostgresFleetOverviewRepository implements FleetOverviewRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresFleetOverviewRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public NodeTally nodeTally(EnvironmentId environment) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long maintenance = 0;
        for (Record r : dsl.get().fetch("select status, count(*) as n, count(*) filter (where maintenance) as m from nodes"
                + " where environment_id = ? group by status order by status", environment.value())) {
            byStatus.put(r.get("status", String.class), r.get("n", Long.class));
            maintenance += r.get("m", Long.class);
        }
        return new NodeTally(byStatus, maintenance);
    }

    @Override
    public Map<String, Long> nodesByAgentVersion(EnvironmentId environment, int limit) {
        return counts(dsl.get().fetch("select agent_version as k, count(*) as n from nodes where environment_id = ?"
                + " group by agent_version order by n desc, agent_version limit ?", environment.value(), limit));
    }

    @Override
    public Map<String, Long> pipelineRunsByStatus(EnvironmentId environment) {
        return counts(dsl.get().fetch("select s.status as k, count(*) as n from node_pipeline_states s join nodes n on n.id = s.node_id"
                + " where n.environment_id = ? group by s.status order by s.status", environment.value()));
    }

    private static Map<String, Long> counts(Result<Record> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.put(r.get("k", String.class), r.get("n", Long.class)));
        return counts;
    }

    @Override
    public Page<NodeRow> nodesNeedingAttention(EnvironmentId environment, Set<String> staleVersions, int limit) {
        Result<Record> rows = dsl.get().fetch("""
                select id, hostname, status, status_reason, agent_version, count(*) over () as total from nodes
                where environment_id = ? and (status <> 'HEALTHY' or agent_version = any(?::text[]))
                order by case status when 'UNREACHABLE' then 0 when 'DEGRADED' then 1 else 2 end, lower(hostname), id
                limit ?""", environment.value(), staleVersions.toArray(String[]::new), limit);
        return new Page<>(total(rows), rows.map(r -> new NodeRow(new NodeId(r.get("id", UUID.class)), r.get("hostname", String.class),
                r.get("status", String.class), r.get("status_reason", String.class), r.get("agent_version", String.class))));
    }

    @Override
    public Page<PipelineRow> pipelinesNeedingAttention(EnvironmentId environment, int limit) {
        Result<Record> rows = dsl.get().fetch("""
                select s.node_id, n.hostname, n.agent_version, s.pipeline_id, coalesce(p.name, '') as pipeline_name, s.status, s.error,
                    count(*) over () as total
                from node_pipeline_states s join nodes n on n.id = s.node_id left join pipelines p on p.id = s.pipeline_id
                where n.environment_id = ? and s.status in ('FAILED', 'CRASH_LOOP')
                order by case s.status when 'FAILED' then 0 else 1 end, lower(n.hostname), pipeline_name, s.node_id
                limit ?""", environment.value(), limit);
        return new Page<>(total(rows), rows.map(r -> new PipelineRow(new NodeId(r.get("node_id", UUID.class)), r.get("hostname", String.class),
                r.get("agent_version", String.class), new PipelineId(r.get("pipeline_id", UUID.class)), r.get("pipeline_name", String.class),
                r.get("status", String.class), r.get("error", String.class))));
    }

    private static long total(Result<Record> rows) {
        return rows.isEmpty() ? 0 : rows.getFirst().get("total", Long.class);
    }

    @Override
    public List<FlowBucket> flow(EnvironmentId environment, Instant from, Instant to, Duration step) {
        long seconds = step.toSeconds();
        String grain = FleetRows.grain(from, to, step);
        // the rollups a bucket holds (minutes or hours) say how long it was measured: its last bucket is still filling
        long rollupSeconds = grain.equals("hour") ? 3600 : 60;
        return dsl.get().fetch("select to_timestamp(floor(extract(epoch from m.at) / ?) * ?) as bucket,"
                + " coalesce(sum(m.events_in) filter (where m.component_kind = 'source'), 0)::bigint as ei,"
                + " coalesce(sum(m.events_out) filter (where m.component_kind = 'sink'), 0)::bigint as eo,"
                + " sum(m.errors)::bigint as er, sum(m.discarded)::bigint as di, count(distinct m.at) * ? as covered"
                + " from component_metrics_" + grain + " m"
                + " join pipelines p on p.id = m.pipeline_id"
                + " where p.environment_id = ? and m.at >= ? and m.at < ? group by bucket order by bucket",
                seconds, seconds, rollupSeconds, environment.value(), utc(from), utc(to))
                .map(r -> new FlowBucket(instant(r, "bucket"), r.get("ei", Long.class), r.get("eo", Long.class), r.get("er", Long.class),
                        r.get("di", Long.class), Math.min(seconds, r.get("covered", Long.class))));
    }

    @Override
    public List<UpdateTally> updates(EnvironmentId environment, int limit) {
        return dsl.get().fetch("""
                select a.target_version, count(*) filter (where a.settled_at is null) as pending,
                    count(*) filter (where a.result_status = 'SUCCEEDED') as succeeded,
                    count(*) filter (where a.result_status = 'FAILED') as failed, max(a.created_at) as latest
                from node_actions a join nodes n on n.id = a.node_id
                where n.environment_id = ? and a.type = 'update' and a.target_version is not null
                group by a.target_version order by latest desc limit ?""", environment.value(), limit)
                .map(r -> new UpdateTally(r.get("target_version", String.class), r.get("pending", Long.class), r.get("succeeded", Long.class),
                        r.get("failed", Long.class), instant(r, "latest")));
    }

    @Override
    public List<VersionChange> agentVersions(NodeId node, int limit) {
        return dsl.get().fetch("select agent_version, previous_version, at from node_agent_versions where node_id = ? order by id desc limit ?",
                node.value(), limit).map(r -> new VersionChange(r.get("agent_version", String.class),
                Optional.ofNullable(r.get("previous_version", String.class)), instant(r, "at")));
    }
}
