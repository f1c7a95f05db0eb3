package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flush of the heartbeat queue, in the caller's transaction: last-seen times and statuses (the latest heartbeat of each
 * node), then facts, pipeline states, log lines, samples and settlements in the order they arrived, then the rollups.
 */
final class HeartbeatBatch {

    private HeartbeatBatch() {
    }

    static void write(Connection c, List<HeartbeatWrite> batch, List<HostMinute> host, List<ComponentMinute> components)
            throws SQLException, IOException {
        Map<NodeId, HeartbeatWrite> latest = new LinkedHashMap<>();
        for (HeartbeatWrite h : batch) {
            latest.put(h.nodeId(), h);
        }
        if (!latest.isEmpty()) {
            LastSeenWriter.write(c, latest.values());
        }
        NodeFactsWriter.write(c, batch);
        PipelineStateWriter.write(c, batch);
        LogLineWriter.write(c, batch);
        EventSampleWriter.write(c, batch);
        ActionSettlementWriter.write(c, batch);
        RollupCopier.copy(c, host, components);
    }
}
