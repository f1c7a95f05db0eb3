package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes the pipeline states that changed and prunes those of pipelines a node no longer runs. */
final class PipelineStateWriter {

    private PipelineStateWriter() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        boolean any = batch.stream().anyMatch(h -> !h.pipelineStates().isEmpty() || h.reportedPipelines().isPresent());
        if (!any) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("""
                insert into node_pipeline_states (node_id, pipeline_id, version, checksum, status, pid, running_since, error, updated_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ? where exists (select 1 from nodes where id = ?)
                on conflict (node_id, pipeline_id) do update set version = excluded.version, checksum = excluded.checksum,
                    status = excluded.status, pid = excluded.pid, running_since = excluded.running_since, error = excluded.error,
                    updated_at = excluded.updated_at""");
             PreparedStatement prune = c.prepareStatement("delete from node_pipeline_states where node_id = ? and not (pipeline_id = any(?::uuid[]))")) {
            // the last set of pipelines a node reported in this batch is what it runs now: prune to it first,
            // then write states in order (later ones win), leaving out pipelines it no longer runs
            Map<NodeId, Set<PipelineId>> running = new LinkedHashMap<>();
            for (HeartbeatWrite h : batch) {
                h.reportedPipelines().ifPresent(set -> running.put(h.nodeId(), set));
            }
            for (Map.Entry<NodeId, Set<PipelineId>> e : running.entrySet()) {
                prune.setObject(1, e.getKey().value());
                prune.setArray(2, c.createArrayOf("uuid", e.getValue().stream().map(PipelineId::value).toArray()));
                prune.addBatch();
            }
            prune.executeBatch();
            for (HeartbeatWrite h : batch) {
                Set<PipelineId> now = running.get(h.nodeId());
                for (HeartbeatWrite.PipelineState p : h.pipelineStates()) {
                    if (now != null && !now.contains(p.pipelineId())) {
                        continue;
                    }
                    upsert.setObject(1, h.nodeId().value());
                    upsert.setObject(2, p.pipelineId().value());
                    upsert.setObject(3, p.version());
                    upsert.setString(4, p.checksum() == null ? null : p.checksum().length() > 64 ? p.checksum().substring(0, 64) : p.checksum());
                    upsert.setString(5, p.status().name());
                    upsert.setObject(6, p.pid());
                    upsert.setTimestamp(7, FleetRows.utc(p.runningSince().orElse(null)));
                    upsert.setString(8, p.error());
                    upsert.setTimestamp(9, FleetRows.utc(h.at()));
                    upsert.setObject(10, h.nodeId().value());
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
    }
}
