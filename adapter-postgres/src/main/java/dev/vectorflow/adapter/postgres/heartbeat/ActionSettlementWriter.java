package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.adapter.postgres.fleet.PostgresFleetChanges;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Settles one-shot actions as the agents reported them (and updates by the version an agent now runs), then tells every server's cache. */
final class ActionSettlementWriter {

    private ActionSettlementWriter() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        Set<UUID> touched = new LinkedHashSet<>();
        try (PreparedStatement settle = c.prepareStatement("update node_actions set settled_at = ?, result_status = ?, result_message = ?"
                + " where id = ? and node_id = ? and settled_at is null");
             PreparedStatement updated = c.prepareStatement("update node_actions set settled_at = ?, result_status = 'SUCCEEDED',"
                     + " result_message = 'agent runs ' || ? where node_id = ? and type = 'update' and target_version = ? and settled_at is null")) {
            for (HeartbeatWrite h : batch) {
                for (HeartbeatWrite.ActionSettlement r : h.actionResults()) {
                    settle.setTimestamp(1, FleetRows.utc(h.at()));
                    settle.setString(2, r.status());
                    settle.setString(3, r.message());
                    settle.setString(4, r.actionId());
                    settle.setObject(5, h.nodeId().value());
                    settle.addBatch();
                    touched.add(h.nodeId().value());
                }
                if (h.settledUpdateVersion().isPresent()) {
                    touched.add(h.nodeId().value());
                    updated.setTimestamp(1, FleetRows.utc(h.at()));
                    updated.setString(2, h.settledUpdateVersion().get());
                    updated.setObject(3, h.nodeId().value());
                    updated.setString(4, h.settledUpdateVersion().get());
                    updated.addBatch();
                }
                if (!h.samples().isEmpty()) {
                    touched.add(h.nodeId().value());
                }
            }
            settle.executeBatch();
            updated.executeBatch();
        }
        if (!touched.isEmpty()) {
            // other servers drop their cached pending actions of these nodes
            try (PreparedStatement notify = c.prepareStatement("select pg_notify('" + PostgresFleetChanges.CHANNEL + "', 'node:' || id)"
                    + " from unnest(?::uuid[]) as id")) {
                notify.setArray(1, c.createArrayOf("uuid", touched.toArray()));
                notify.execute();
            }
        }
    }
}
