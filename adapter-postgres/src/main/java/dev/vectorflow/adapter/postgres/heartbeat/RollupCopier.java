package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/** Copies finished per-minute host and component rollups into their tables with COPY. */
final class RollupCopier {

    private RollupCopier() {
    }

    static void copy(Connection c, List<HostMinute> host, List<ComponentMinute> components) throws SQLException, IOException {
        if (!host.isEmpty()) {
            StringBuilder csv = new StringBuilder();
            for (HostMinute m : host) {
                csv.append(m.nodeId().value()).append(',').append(m.minute()).append(',').append(m.samples()).append(',')
                        .append(n(m.cpuPercent())).append(',').append(n(m.loadAvg1())).append(',').append(n(m.memoryUsedBytes())).append(',')
                        .append(n(m.memoryTotalBytes())).append(',').append(n(m.fsUsedBytes())).append(',').append(n(m.fsTotalBytes())).append(',')
                        .append(n(m.diskReadBytesPerSec())).append(',').append(n(m.diskWrittenBytesPerSec())).append(',')
                        .append(n(m.netRxBytesPerSec())).append(',').append(n(m.netTxBytesPerSec())).append('\n');
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy host_metrics_minute (node_id, at, samples, cpu_percent, load_avg1,"
                    + " memory_used, memory_total, fs_used, fs_total, disk_read_bps, disk_written_bps, net_rx_bps, net_tx_bps) from stdin"
                    + " (format csv)", new StringReader(csv.toString()));
        }
        if (!components.isEmpty()) {
            StringBuilder csv = new StringBuilder();
            for (ComponentMinute m : components) {
                csv.append(m.pipelineId().value()).append(',').append(quote(m.componentId())).append(',').append(quote(m.componentKind()))
                        .append(',').append(m.minute()).append(',').append(m.eventsIn()).append(',').append(m.eventsOut()).append(',')
                        .append(m.bytesIn()).append(',').append(m.bytesOut()).append(',').append(m.errors()).append(',')
                        .append(m.discarded()).append('\n');
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy component_metrics_minute (pipeline_id, component_id, component_kind, at,"
                    + " events_in, events_out, bytes_in, bytes_out, errors, discarded) from stdin (format csv)", new StringReader(csv.toString()));
        }
    }

    private static String n(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
