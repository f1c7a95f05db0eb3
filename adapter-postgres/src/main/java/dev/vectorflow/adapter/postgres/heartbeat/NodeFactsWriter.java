package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the facts a node reported about itself where they changed; a different agent version joins its version history. */
final class NodeFactsWriter {

    private NodeFactsWriter() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        List<HeartbeatWrite> changed = batch.stream().filter(h -> h.facts().isPresent()).toList();
        if (changed.isEmpty()) {
            return;
        }
        // nodes with one set of facts in the batch (after a mass enrolment: every node's first heartbeat) in one set-based
        // statement; a node with more keeps the ordered one-row statement, so that a later heartbeat of the same batch
        // sees the version the earlier one wrote
        Map<NodeId, Integer> count = new HashMap<>();
        changed.forEach(h -> count.merge(h.nodeId(), 1, Integer::sum));
        writeOnce(c, changed.stream().filter(h -> count.get(h.nodeId()) == 1).toList());
        writeInOrder(c, changed.stream().filter(h -> count.get(h.nodeId()) > 1).toList());
    }

    private static void writeOnce(Connection c, List<HeartbeatWrite> once) throws SQLException {
        if (once.isEmpty()) {
            return;
        }
        int n = once.size();
        Object[] ids = new Object[n];
        Object[] agentVersions = new Object[n];
        Object[] vectorVersions = new Object[n];
        Object[] modes = new Object[n];
        Object[] labels = new Object[n];
        Object[] updateErrors = new Object[n];
        Object[] ats = new Object[n];
        for (int i = 0; i < n; i++) {
            HeartbeatWrite h = once.get(i);
            HeartbeatWrite.NodeFacts f = h.facts().orElseThrow();
            ids[i] = h.nodeId().value();
            agentVersions[i] = f.agentVersion();
            vectorVersions[i] = f.vectorVersion();
            modes[i] = f.deploymentMode();
            labels[i] = FleetRows.labels(f.agentLabels());
            updateErrors[i] = f.updateError();
            // as text in ISO form with its offset: exact to the microsecond whatever the session's time zone
            ats[i] = h.at().toString();
        }
        try (PreparedStatement s = c.prepareStatement("""
                with input as (
                    select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                        as i(id, agent_version, vector_version, deployment_mode, agent_labels, update_error, at)),
                before as (select n.id, n.agent_version from nodes n join input i on i.id = n.id),
                changed as (
                    update nodes n set agent_version = i.agent_version, vector_version = i.vector_version,
                        deployment_mode = i.deployment_mode, agent_labels = i.agent_labels, update_error = i.update_error
                    from input i join before b on b.id = i.id where n.id = i.id
                        and (n.agent_version, n.vector_version, n.deployment_mode, n.agent_labels, n.update_error)
                            is distinct from (i.agent_version, i.vector_version, i.deployment_mode, i.agent_labels, i.update_error)
                    returning n.id, b.agent_version as previous, i.agent_version as current, i.at)
                insert into node_agent_versions (node_id, agent_version, previous_version, at)
                select id, current, previous, at from changed where previous is distinct from current""")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("text", agentVersions));
            s.setArray(3, c.createArrayOf("text", vectorVersions));
            s.setArray(4, c.createArrayOf("text", modes));
            s.setArray(5, c.createArrayOf("text", labels));
            s.setArray(6, c.createArrayOf("text", updateErrors));
            s.setArray(7, c.createArrayOf("text", ats));
            s.executeUpdate();
        }
    }

    /** Rare (a node whose facts changed twice within one flush): the same statement row by row, in the order reported. */
    private static void writeInOrder(Connection c, List<HeartbeatWrite> changed) throws SQLException {
        for (HeartbeatWrite h : changed) {
            writeOnce(c, List.of(h));
        }
    }
}
