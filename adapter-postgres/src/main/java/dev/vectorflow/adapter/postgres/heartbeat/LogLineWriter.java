package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes the log lines of a batch in one insert, in the order they arrived. */
final class LogLineWriter {

    private LogLineWriter() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        List<UUID> nodes = new ArrayList<>();
        List<UUID> pipelines = new ArrayList<>();
        List<Timestamp> at = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (HeartbeatWrite h : batch) {
            for (HeartbeatWrite.LogLine line : h.logs()) {
                nodes.add(h.nodeId().value());
                pipelines.add(line.pipelineId().value());
                at.add(FleetRows.utc(line.at()));
                lines.add(line.line());
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into node_logs (node_id, pipeline_id, at, line)
                select u.node_id, u.pipeline_id, u.at, u.line
                from unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::text[]) with ordinality as u(node_id, pipeline_id, at, line, n)
                join nodes on nodes.id = u.node_id order by u.n""")) {
            s.setArray(1, c.createArrayOf("uuid", nodes.toArray()));
            s.setArray(2, c.createArrayOf("uuid", pipelines.toArray()));
            s.setArray(3, c.createArrayOf("timestamptz", at.toArray()));
            s.setArray(4, c.createArrayOf("text", lines.toArray()));
            s.executeUpdate();
        }
    }
}
