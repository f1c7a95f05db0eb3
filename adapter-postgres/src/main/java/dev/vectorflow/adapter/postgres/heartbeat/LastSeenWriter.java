package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Writes every node's last-seen time, status and reason in one set-based update, with a transition row where the status
 * changed, and the last-seen time again into {@code node_last_seen} (the narrow, indexed copy the node list sorts by;
 * {@code nodes} has no index on it so that its updates stay HOT).
 */
final class LastSeenWriter {

    private LastSeenWriter() {
    }

    static void write(Connection c, Collection<HeartbeatWrite> heartbeats) throws SQLException {
        int n = heartbeats.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        Timestamp[] at = new Timestamp[n];
        int i = 0;
        for (HeartbeatWrite h : heartbeats) {
            ids[i] = h.nodeId().value();
            statuses[i] = h.status().name();
            reasons[i] = h.statusReason().length() > 2000 ? h.statusReason().substring(0, 2000) : h.statusReason();
            at[i] = FleetRows.utc(h.at());
            i++;
        }
        Array idArray = c.createArrayOf("uuid", ids);
        Array statusArray = c.createArrayOf("text", statuses);
        Array reasonArray = c.createArrayOf("text", reasons);
        Array atArray = c.createArrayOf("timestamptz", at);
        try (PreparedStatement transitions = c.prepareStatement("""
                insert into node_status_transitions (node_id, from_status, to_status, reason, at)
                select n.id, n.status, u.status, u.reason, u.at
                from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as u(id, status, reason, at)
                join nodes n on n.id = u.id where n.status <> u.status""");
             PreparedStatement update = c.prepareStatement("""
                update nodes n set last_heartbeat_at = u.at, status = u.status, status_reason = u.reason
                from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as u(id, status, reason, at)
                where n.id = u.id and (n.last_heartbeat_at is null or n.last_heartbeat_at <= u.at)""");
             PreparedStatement lastSeen = c.prepareStatement("""
                update node_last_seen s set seen_at = u.at
                from (select id, max(at) as at from unnest(?::uuid[], ?::timestamptz[]) as v(id, at) group by id) as u
                where s.node_id = u.id and s.seen_at < u.at""")) {
            for (PreparedStatement s : List.of(transitions, update)) {
                s.setArray(1, idArray);
                s.setArray(2, statusArray);
                s.setArray(3, reasonArray);
                s.setArray(4, atArray);
                s.executeUpdate();
            }
            lastSeen.setArray(1, idArray);
            lastSeen.setArray(2, atArray);
            lastSeen.executeUpdate();
        }
    }
}
