package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes the facts a node reported about itself where they changed; a different agent version joins its version history. */
final class NodeFactsWriter {

    private NodeFactsWriter() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        List<HeartbeatWrite> changed = batch.stream().filter(h -> h.facts().isPresent()).toList();
        if (changed.isEmpty()) {
            return;
        }
        // a different agent version also joins the node's version history (rows run in order: a later heartbeat of the
        // same batch sees the version the earlier one wrote)
        try (PreparedStatement s = c.prepareStatement("""
                with before as (select id, agent_version from nodes where id = ?),
                changed as (
                    update nodes n set agent_version = ?, vector_version = ?, deployment_mode = ?, agent_labels = ?, update_error = ?
                    from before b where n.id = b.id returning n.id, b.agent_version as previous)
                insert into node_agent_versions (node_id, agent_version, previous_version, at)
                select id, ?, previous, ? from changed where previous is distinct from ?""")) {
            for (HeartbeatWrite h : changed) {
                HeartbeatWrite.NodeFacts f = h.facts().get();
                s.setObject(1, h.nodeId().value());
                s.setString(2, f.agentVersion());
                s.setString(3, f.vectorVersion());
                s.setString(4, f.deploymentMode());
                s.setString(5, FleetRows.labels(f.agentLabels()));
                s.setString(6, f.updateError());
                s.setString(7, f.agentVersion());
                s.setTimestamp(8, FleetRows.utc(h.at()));
                s.setString(9, f.agentVersion());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
