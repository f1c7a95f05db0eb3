package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes every node's last-seen time, status and reason, with a transition row where the status changed, and the
 * last-seen time again into {@code node_last_seen} (the narrow, indexed copy the node list sorts by; {@code nodes} has no
 * index on it so that its updates stay HOT).
 *
 * <p>Most heartbeats bring the status the node already has: one update takes those (it names the nodes it updated), and
 * only the others (a status change, a late heartbeat, a deleted node) go through the statement that looks up the
 * stored status to record the transition. {@code node_last_seen} moves only once its time is {@link #ORDER_STEP} behind:
 * each of its updates writes into its index as well (the indexed column changes), and it was the writer's largest
 * statement at 100,000 agents; the list's last-seen order is exact to that step, the time shown is exact.
 */
final class LastSeenWriter {

    /** How far {@code node_last_seen} may lag the last heartbeat written into {@code nodes}. */
    static final Duration ORDER_STEP = Duration.ofSeconds(30);

    private LastSeenWriter() {
    }

    static void write(Connection c, Collection<HeartbeatWrite> heartbeats) throws SQLException {
        Columns all = new Columns(c, heartbeats);
        Set<UUID> unchanged = new HashSet<>();
        try (PreparedStatement same = c.prepareStatement("""
                update nodes n set last_heartbeat_at = u.at, status_reason = u.reason
                from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as u(id, status, reason, at)
                where n.id = u.id and n.status = u.status and (n.last_heartbeat_at is null or n.last_heartbeat_at <= u.at)
                returning n.id""")) {
            all.bind(same);
            try (ResultSet r = same.executeQuery()) {
                while (r.next()) {
                    unchanged.add(r.getObject(1, UUID.class));
                }
            }
        }
        List<HeartbeatWrite> rest = unchanged.size() == heartbeats.size() ? List.of()
                : heartbeats.stream().filter(h -> !unchanged.contains(h.nodeId().value())).toList();
        if (!rest.isEmpty()) {
            Columns others = new Columns(c, rest);
            try (PreparedStatement transitions = c.prepareStatement("""
                    insert into node_status_transitions (node_id, from_status, to_status, reason, at)
                    select n.id, n.status, u.status, u.reason, u.at
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as u(id, status, reason, at)
                    join nodes n on n.id = u.id where n.status <> u.status""");
                 PreparedStatement update = c.prepareStatement("""
                    update nodes n set last_heartbeat_at = u.at, status = u.status, status_reason = u.reason
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) as u(id, status, reason, at)
                    where n.id = u.id and (n.last_heartbeat_at is null or n.last_heartbeat_at <= u.at)""")) {
                for (PreparedStatement s : List.of(transitions, update)) {
                    others.bind(s);
                    s.executeUpdate();
                }
            }
        }
        try (PreparedStatement lastSeen = c.prepareStatement("""
                update node_last_seen s set seen_at = u.at
                from (select id, max(at) as at from unnest(?::uuid[], ?::timestamptz[]) as v(id, at) group by id) as u
                where s.node_id = u.id and s.seen_at < u.at - make_interval(secs => ?)""")) {
            lastSeen.setArray(1, all.ids);
            lastSeen.setArray(2, all.at);
            lastSeen.setLong(3, ORDER_STEP.toSeconds());
            lastSeen.executeUpdate();
        }
    }

    /** The batch as the four arrays the statements take: node ids, statuses, reasons (cut to 2,000 characters), times. */
    private static final class Columns {
        final Array ids;
        final Array statuses;
        final Array reasons;
        final Array at;

        Columns(Connection c, Collection<HeartbeatWrite> heartbeats) throws SQLException {
            int n = heartbeats.size();
            UUID[] idValues = new UUID[n];
            String[] statusValues = new String[n];
            String[] reasonValues = new String[n];
            Timestamp[] atValues = new Timestamp[n];
            int i = 0;
            for (HeartbeatWrite h : heartbeats) {
                idValues[i] = h.nodeId().value();
                statusValues[i] = h.status().name();
                reasonValues[i] = h.statusReason().length() > 2000 ? h.statusReason().substring(0, 2000) : h.statusReason();
                atValues[i] = FleetRows.utc(h.at());
                i++;
            }
            ids = c.createArrayOf("uuid", idValues);
            statuses = c.createArrayOf("text", statusValues);
            reasons = c.createArrayOf("text", reasonValues);
            at = c.createArrayOf("timestamptz", atValues);
        }

        void bind(PreparedStatement s) throws SQLException {
            s.setArray(1, ids);
            s.setArray(2, statuses);
            s.setArray(3, reasons);
            s.setArray(4, at);
        }
    }
}
