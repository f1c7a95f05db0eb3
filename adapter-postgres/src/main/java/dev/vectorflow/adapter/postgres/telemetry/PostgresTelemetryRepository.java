package dev.vectorflow.adapter.postgres.telemetry;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * {@link TelemetryRepository}: pipeline states, per-minute and per-hour rollups, logs and samples. Queries over more
 * than two days read the hourly rollups.
 */
public final class PostgresTelemetryRepository implements TelemetryRepository {

    /** Agent version changes kept per node (a node whose updates keep being rolled back must not grow it without end). */
    static final int AGENT_VERSIONS_KEPT = 100;

    private final Supplier<DSLContext> dsl;

    public PostgresTelemetryRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static StoredPipelineState toState(Record r) {
        return new StoredPipelineState(new NodeId(r.get("node_id", UUID.class)), new PipelineId(r.get("pipeline_id", UUID.class)),
                r.get("version", Integer.class), r.get("checksum", String.class), r.get("status", String.class), r.get("pid", Long.class),
                FleetRows.optionalInstant(r, "running_since"), r.get("error", String.class), instant(r, "updated_at"));
    }

    @Override
    public List<StoredPipelineState> pipelineStates(NodeId node) {
        return dsl.get().fetch("select * from node_pipeline_states where node_id = ?", node.value()).map(PostgresTelemetryRepository::toState);
    }

    @Override
    public List<StoredPipelineState> pipelineStates(Collection<NodeId> nodes) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        return dsl.get().fetch("select * from node_pipeline_states where node_id = any(?)",
                (Object) nodes.stream().map(NodeId::value).toArray(UUID[]::new)).map(PostgresTelemetryRepository::toState);
    }

    @Override
    public List<StoredPipelineState> pipelineStatesOf(PipelineId pipeline) {
        return dsl.get().fetch("select * from node_pipeline_states where pipeline_id = ?", pipeline.value())
                .map(PostgresTelemetryRepository::toState);
    }

    @Override
    public List<HostMinute> hostSeries(NodeId node, Instant from, Instant to, Duration step) {
        long seconds = step.toSeconds();
        return dsl.get().fetch("select to_timestamp(floor(extract(epoch from at) / ?) * ?) as bucket, sum(samples)::int as samples,"
                + " avg(cpu_percent) as cpu, avg(load_avg1) as load1, avg(memory_used)::bigint as mem_used, avg(memory_total)::bigint as mem_total,"
                + " avg(fs_used)::bigint as fs_used, avg(fs_total)::bigint as fs_total, avg(disk_read_bps) as disk_r, avg(disk_written_bps) as disk_w,"
                + " avg(net_rx_bps) as net_rx, avg(net_tx_bps) as net_tx from host_metrics_" + FleetRows.grain(from, to, step)
                + " where node_id = ? and at >= ? and at < ? group by bucket order by bucket", seconds, seconds, node.value(), utc(from), utc(to))
                .map(r -> new HostMinute(node, instant(r, "bucket"), r.get("samples", Integer.class), r.get("cpu", Double.class),
                        r.get("load1", Double.class), r.get("mem_used", Long.class), r.get("mem_total", Long.class), r.get("fs_used", Long.class),
                        r.get("fs_total", Long.class), r.get("disk_r", Double.class), r.get("disk_w", Double.class), r.get("net_rx", Double.class),
                        r.get("net_tx", Double.class)));
    }

    @Override
    public List<ComponentMinute> componentSeries(PipelineId pipeline, Instant from, Instant to, Duration step) {
        long seconds = step.toSeconds();
        return dsl.get().fetch("select component_id, max(component_kind) as kind, to_timestamp(floor(extract(epoch from at) / ?) * ?) as bucket,"
                + " sum(events_in)::bigint as ei, sum(events_out)::bigint as eo, sum(bytes_in)::bigint as bi, sum(bytes_out)::bigint as bo,"
                + " sum(errors)::bigint as er, sum(discarded)::bigint as di from component_metrics_" + FleetRows.grain(from, to, step)
                + " where pipeline_id = ? and at >= ? and at < ? group by component_id, bucket order by component_id, bucket",
                seconds, seconds, pipeline.value(), utc(from), utc(to))
                .map(r -> new ComponentMinute(pipeline, r.get("component_id", String.class), r.get("kind", String.class), instant(r, "bucket"),
                        r.get("ei", Long.class), r.get("eo", Long.class), r.get("bi", Long.class), r.get("bo", Long.class), r.get("er", Long.class),
                        r.get("di", Long.class)));
    }

    @Override
    public List<StoredLogLine> logs(NodeId node, Optional<PipelineId> pipeline, long afterSeq, int limit) {
        // the newest {@code limit} lines after {@code afterSeq}, oldest first
        String filter = pipeline.isPresent() ? " and pipeline_id = ?" : "";
        Object[] binds = pipeline.isPresent() ? new Object[] {node.value(), afterSeq, pipeline.get().value(), limit}
                : new Object[] {node.value(), afterSeq, limit};
        return dsl.get().fetch("select * from (select seq, pipeline_id, at, line from node_logs where node_id = ? and seq > ?" + filter
                + " order by seq desc limit ?) newest order by seq", binds)
                .map(r -> new StoredLogLine(r.get("seq", Long.class), new PipelineId(r.get("pipeline_id", UUID.class)), instant(r, "at"),
                        r.get("line", String.class)));
    }

    @Override
    public List<EventSample> sampleResults(String requestId) {
        return dsl.get().fetch("select component_key, events, field_schema, error from event_samples where request_id = ? order by id", requestId)
                .map(r -> new EventSample(requestId, r.get("component_key", String.class), FleetRows.events(r.get("events", String.class)),
                        FleetRows.schema(r.get("field_schema", String.class)), r.get("error", String.class)));
    }

    @Override
    public List<EventSample> latestSamples(PipelineId pipeline, Collection<String> componentKeys, int limit) {
        if (componentKeys.isEmpty()) {
            return List.of();
        }
        return dsl.get().fetch("select es.request_id, es.component_key, es.events, es.field_schema, es.error from event_samples es"
                        + " join node_actions na on na.node_id = es.node_id and na.request_id = es.request_id"
                        + " where na.pipeline_id = ? and es.component_key = any(?) and es.error is null and es.events <> '[]'"
                        + " order by es.received_at desc, es.id desc limit ?", pipeline.toString(), componentKeys.toArray(String[]::new), limit)
                .map(r -> new EventSample(r.get("request_id", String.class), r.get("component_key", String.class),
                        FleetRows.events(r.get("events", String.class)), FleetRows.schema(r.get("field_schema", String.class)), null));
    }

    @Override
    public long enforceRetention(Instant metricsBefore, Instant logsBefore, int logLinesPerPipeline) {
        DSLContext db = dsl.get();
        long deleted = 0;
        for (String table : List.of("host_metrics_minute", "host_metrics_hour", "component_metrics_minute", "component_metrics_hour")) {
            deleted += db.execute("delete from " + table + " where at < ?", utc(metricsBefore));
        }
        deleted += db.execute("delete from node_logs where at < ?", utc(logsBefore));
        deleted += db.execute("delete from node_logs where seq in (select seq from (select seq, row_number() over"
                + " (partition by node_id, pipeline_id order by seq desc) as rn from node_logs) ranked where rn > ?)", logLinesPerPipeline);
        deleted += db.execute("delete from event_samples where received_at < ?", utc(logsBefore));
        deleted += db.execute("delete from node_actions where settled_at < ?", utc(logsBefore));
        deleted += db.execute("delete from node_status_transitions where at < ?", utc(metricsBefore));
        deleted += db.execute("delete from node_agent_versions where id in (select id from (select id, row_number() over"
                + " (partition by node_id order by id desc) as rn from node_agent_versions) ranked where rn > ?)", AGENT_VERSIONS_KEPT);
        return deleted;
    }

    @Override
    public void rollUpHours(Instant before) {
        DSLContext db = dsl.get();
        Record mark = db.fetchOptional("select done_until from rollup_marks where name = 'hour' for update").orElse(null);
        Instant from = mark == null ? Instant.EPOCH : instant(mark, "done_until");
        if (!from.isBefore(before)) {
            return;
        }
        db.execute("""
                insert into host_metrics_hour (node_id, at, samples, cpu_percent, load_avg1, memory_used, memory_total, fs_used, fs_total,
                    disk_read_bps, disk_written_bps, net_rx_bps, net_tx_bps)
                select node_id, date_trunc('hour', at), sum(samples), avg(cpu_percent), avg(load_avg1), avg(memory_used), avg(memory_total),
                    avg(fs_used), avg(fs_total), avg(disk_read_bps), avg(disk_written_bps), avg(net_rx_bps), avg(net_tx_bps)
                from host_metrics_minute where at >= ? and at < ? group by node_id, date_trunc('hour', at)""", utc(from), utc(before));
        db.execute("""
                insert into component_metrics_hour (pipeline_id, component_id, component_kind, at, events_in, events_out, bytes_in, bytes_out,
                    errors, discarded)
                select pipeline_id, component_id, max(component_kind), date_trunc('hour', at), sum(events_in), sum(events_out), sum(bytes_in),
                    sum(bytes_out), sum(errors), sum(discarded)
                from component_metrics_minute where at >= ? and at < ? group by pipeline_id, component_id, date_trunc('hour', at)""",
                utc(from), utc(before));
        db.execute("insert into rollup_marks (name, done_until) values ('hour', ?) on conflict (name) do update set done_until = excluded.done_until",
                utc(before));
    }
}
