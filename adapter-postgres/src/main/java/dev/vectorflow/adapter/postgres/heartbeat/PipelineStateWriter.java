package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the pipeline states that changed and prunes those of pipelines a node no longer runs. A state equal to the stored
 * one (every node's states are handed over again after a server restart and every few minutes) leaves its row as it is:
 * {@code updated_at} is when the state last changed.
 */
final class PipelineStateWriter {

    private PipelineStateWriter() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        boolean any = batch.stream().anyMatch(h -> !h.pipelineStates().isEmpty() || h.reportedPipelines().isPresent());
        if (!any) {
            return;
        }
        // the last set of pipelines a node reported in this batch is what it runs now: prune to it first, then write the
        // states (the last of each node and pipeline wins), leaving out pipelines it no longer runs. Two set-based
        // statements for the whole batch: the first heartbeats after a mass enrolment bring every node's states at once.
        Map<NodeId, Set<PipelineId>> running = new LinkedHashMap<>();
        for (HeartbeatWrite h : batch) {
            h.reportedPipelines().ifPresent(set -> running.put(h.nodeId(), set));
        }
        prune(c, running);
        Map<List<Object>, Row> latest = new LinkedHashMap<>();
        for (HeartbeatWrite h : batch) {
            Set<PipelineId> now = running.get(h.nodeId());
            for (HeartbeatWrite.PipelineState p : h.pipelineStates()) {
                if (now == null || now.contains(p.pipelineId())) {
                    latest.remove(List.of(h.nodeId(), p.pipelineId()));
                    latest.put(List.of(h.nodeId(), p.pipelineId()), new Row(h.nodeId(), p, h.at()));
                }
            }
        }
        upsert(c, latest.values());
    }

    private record Row(NodeId node, HeartbeatWrite.PipelineState state, Instant at) {
    }

    private static void prune(Connection c, Map<NodeId, Set<PipelineId>> running) throws SQLException {
        if (running.isEmpty()) {
            return;
        }
        List<UUID> keptNodes = new ArrayList<>();
        List<UUID> keptPipelines = new ArrayList<>();
        running.forEach((node, pipelines) -> pipelines.forEach(p -> {
            keptNodes.add(node.value());
            keptPipelines.add(p.value());
        }));
        try (PreparedStatement prune = c.prepareStatement("""
                delete from node_pipeline_states s where s.node_id = any(?::uuid[])
                and not exists (select 1 from unnest(?::uuid[], ?::uuid[]) k(node_id, pipeline_id)
                                where k.node_id = s.node_id and k.pipeline_id = s.pipeline_id)""")) {
            prune.setArray(1, c.createArrayOf("uuid", running.keySet().stream().map(NodeId::value).toArray()));
            prune.setArray(2, c.createArrayOf("uuid", keptNodes.toArray()));
            prune.setArray(3, c.createArrayOf("uuid", keptPipelines.toArray()));
            prune.executeUpdate();
        }
    }

    private static void upsert(Connection c, Collection<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Object[] nodes = new Object[n];
        Object[] pipelines = new Object[n];
        Object[] versions = new Object[n];
        Object[] checksums = new Object[n];
        Object[] statuses = new Object[n];
        Object[] pids = new Object[n];
        Object[] runningSince = new Object[n];
        Object[] errors = new Object[n];
        Object[] updatedAt = new Object[n];
        int i = 0;
        for (Row row : rows) {
            HeartbeatWrite.PipelineState p = row.state();
            nodes[i] = row.node().value();
            pipelines[i] = p.pipelineId().value();
            versions[i] = p.version();
            checksums[i] = p.checksum() == null ? null : p.checksum().length() > 64 ? p.checksum().substring(0, 64) : p.checksum();
            statuses[i] = p.status().name();
            pids[i] = p.pid();
            // as text in ISO form with its offset: exact to the microsecond whatever the session's time zone
            runningSince[i] = p.runningSince().map(Instant::toString).orElse(null);
            errors[i] = p.error();
            updatedAt[i] = row.at().toString();
            i++;
        }
        try (PreparedStatement upsert = c.prepareStatement("""
                insert into node_pipeline_states (node_id, pipeline_id, version, checksum, status, pid, running_since, error, updated_at)
                select r.node_id, r.pipeline_id, r.version, r.checksum, r.status, r.pid, r.running_since, r.error, r.updated_at
                from unnest(?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::text[], ?::timestamptz[])
                    as r(node_id, pipeline_id, version, checksum, status, pid, running_since, error, updated_at)
                where exists (select 1 from nodes where id = r.node_id)
                    and not exists (select 1 from node_pipeline_states s where s.node_id = r.node_id and s.pipeline_id = r.pipeline_id
                        and (s.version, s.checksum, s.status, s.pid, s.error)
                            is not distinct from (r.version, r.checksum, r.status, r.pid, r.error)
                        and (s.running_since is null) = (r.running_since is null)
                        and (s.running_since is null or abs(extract(epoch from s.running_since - r.running_since)) <= ?))
                on conflict (node_id, pipeline_id) do update set version = excluded.version, checksum = excluded.checksum,
                    status = excluded.status, pid = excluded.pid, running_since = excluded.running_since, error = excluded.error,
                    updated_at = excluded.updated_at""")) {
            upsert.setArray(1, c.createArrayOf("uuid", nodes));
            upsert.setArray(2, c.createArrayOf("uuid", pipelines));
            upsert.setArray(3, c.createArrayOf("int4", versions));
            upsert.setArray(4, c.createArrayOf("text", checksums));
            upsert.setArray(5, c.createArrayOf("text", statuses));
            upsert.setArray(6, c.createArrayOf("int8", pids));
            upsert.setArray(7, c.createArrayOf("text", runningSince));
            upsert.setArray(8, c.createArrayOf("text", errors));
            upsert.setArray(9, c.createArrayOf("text", updatedAt));
            // a state equal to the stored one is left out before the insert, not by a condition on the update: an update
            // the condition turns down still locks the row (a heap write and a WAL record), and after a restart, and every
            // few minutes, every node hands over all its states again. A start time within the jitter of the stored one is
            // the same run: it is derived anew each time from an uptime in whole seconds.
            upsert.setLong(10, HeartbeatWrite.PipelineState.START_JITTER.toSeconds());
            upsert.executeUpdate();
        }
    }
}
