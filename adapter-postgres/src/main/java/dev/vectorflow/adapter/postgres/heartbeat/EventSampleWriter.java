package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.telemetry.EventSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writes sample results and settles the sample requests they answer. */
final class EventSampleWriter {

    private EventSampleWriter() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        if (batch.stream().allMatch(h -> h.samples().isEmpty())) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("insert into event_samples (request_id, node_id, component_key, events, field_schema,"
                + " error, received_at) select ?, ?, ?, ?, ?, ?, ? where exists (select 1 from nodes where id = ?)");
             PreparedStatement settle = c.prepareStatement("update node_actions set settled_at = ?, result_status = 'SUCCEEDED',"
                     + " result_message = 'samples received' where node_id = ? and request_id = ? and settled_at is null")) {
            for (HeartbeatWrite h : batch) {
                Set<String> requests = new LinkedHashSet<>();
                for (EventSample r : h.samples()) {
                    insert.setString(1, r.requestId().length() > 36 ? r.requestId().substring(0, 36) : r.requestId());
                    insert.setObject(2, h.nodeId().value());
                    insert.setString(3, r.componentKey().length() > 100 ? r.componentKey().substring(0, 100) : r.componentKey());
                    insert.setString(4, FleetRows.json(r.events()));
                    insert.setString(5, FleetRows.json(r.schema()));
                    insert.setString(6, r.error());
                    insert.setTimestamp(7, FleetRows.utc(h.at()));
                    insert.setObject(8, h.nodeId().value());
                    insert.addBatch();
                    requests.add(r.requestId());
                }
                for (String request : requests) {
                    settle.setTimestamp(1, FleetRows.utc(h.at()));
                    settle.setObject(2, h.nodeId().value());
                    settle.setString(3, request);
                    settle.addBatch();
                }
            }
            insert.executeBatch();
            settle.executeBatch();
        }
    }
}
