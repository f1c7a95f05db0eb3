package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.adapter.postgres.fleet.PostgresFleetChanges;
import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HeartbeatWriter} on PostgreSQL: a bounded queue and one writer thread that flushes every
 * {@code flushInterval} (or sooner when a batch is full) in one transaction: one set-based update of last-seen time and
 * status for every node in the batch (and a transition row where the status changed), facts and pipeline states only
 * for nodes whose values changed, logs, samples and action settlements, and per-minute rollups by COPY. When a flush
 * fails, its heartbeats are written one by one, so that one bad row never costs other nodes theirs; what is still lost
 * is reported to the {@link #whenDropped} listener.
 */
public final class PostgresHeartbeatWriter implements HeartbeatWriter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresHeartbeatWriter.class);
    private static final int MAX_BATCH = 10_000;

    private final DataSource pool;
    private final long flushIntervalMillis;
    private final ArrayBlockingQueue<HeartbeatWrite> queue;
    private final ConcurrentLinkedQueue<HostMinute> hostRollups = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ComponentMinute> componentRollups = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final Object flushLock = new Object();
    private volatile boolean running = true;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong failedHeartbeats = new AtomicLong();
    private final AtomicLong flushNanos = new AtomicLong();
    private volatile Consumer<Set<NodeId>> onDropped = nodes -> { };

    public PostgresHeartbeatWriter(DataSource pool, int capacity, long flushIntervalMillis) {
        this.pool = pool;
        this.flushIntervalMillis = flushIntervalMillis;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("vf-telemetry-writer").daemon(true).start(this::run);
    }

    /** Counters for the server's own metrics: heartbeats written, flushes, heartbeats lost to failed flushes, time spent. */
    public record Stats(int queued, long written, long flushes, long failed, double averageFlushMillis) {
    }

    public Stats stats() {
        long n = flushes.get();
        return new Stats(queue.size(), written.get(), n, failedHeartbeats.get(), n == 0 ? 0 : flushNanos.get() / 1e6 / n);
    }

    @Override
    public boolean offer(HeartbeatWrite heartbeat) {
        return running && queue.offer(heartbeat);
    }

    @Override
    public void offerRollups(List<HostMinute> host, List<ComponentMinute> components) {
        hostRollups.addAll(host);
        componentRollups.addAll(components);
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public void flush() {
        synchronized (flushLock) {
            while (!queue.isEmpty() || !hostRollups.isEmpty() || !componentRollups.isEmpty()) {
                flushOnce();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushIntervalMillis);
                while (running && queue.size() < MAX_BATCH && System.nanoTime() < deadline) {
                    Thread.sleep(Math.max(1, Math.min(20, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                }
                synchronized (flushLock) {
                    flushOnce();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("telemetry writer failed: {}", e.toString(), e);
            }
        }
    }

    private void flushOnce() {
        List<HeartbeatWrite> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        queue.drainTo(batch, MAX_BATCH);
        List<HostMinute> host = drain(hostRollups);
        List<ComponentMinute> components = drain(componentRollups);
        if (batch.isEmpty() && host.isEmpty() && components.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<String> failure = attempt(c, batch, host, components);
                if (failure.isEmpty()) {
                    written.addAndGet(batch.size());
                } else {
                    // one bad row must not cost every other node its heartbeat: write them one by one, drop only what fails
                    LOG.warn("a flush of {} heartbeats failed ({}); writing them one by one", batch.size(), failure.get());
                    isolate(c, batch, host, components);
                }
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failedHeartbeats.addAndGet(batch.size());
            LOG.error("no database connection for {} heartbeats; they are dropped: {}", batch.size(), e.getMessage());
            dropped(batch);
        }
        flushes.incrementAndGet();
        flushNanos.addAndGet(System.nanoTime() - started);
    }

    /** Writes in one transaction; empty when it committed, else why it was rolled back. */
    private Optional<String> attempt(Connection c, List<HeartbeatWrite> batch, List<HostMinute> host, List<ComponentMinute> components)
            throws SQLException {
        try {
            write(c, batch, host, components);
            c.commit();
            return Optional.empty();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private void isolate(Connection c, List<HeartbeatWrite> batch, List<HostMinute> host, List<ComponentMinute> components) throws SQLException {
        List<HeartbeatWrite> lost = new ArrayList<>();
        for (HeartbeatWrite h : batch) {
            Optional<String> failure = attempt(c, List.of(h), List.of(), List.of());
            if (failure.isEmpty()) {
                written.incrementAndGet();
            } else {
                lost.add(h);
                LOG.error("could not write a heartbeat of node {}; it is dropped: {}", h.nodeId(), failure.get());
            }
        }
        if (!host.isEmpty() || !components.isEmpty()) {
            attempt(c, List.of(), host, components).ifPresent(why ->
                    LOG.error("could not write {} rollups; they are dropped: {}", host.size() + components.size(), why));
        }
        failedHeartbeats.addAndGet(lost.size());
        dropped(lost);
    }

    /** Tells the listener which nodes lost a heartbeat, so that what they said is written again next time. */
    private void dropped(List<HeartbeatWrite> lost) {
        if (lost.isEmpty()) {
            return;
        }
        Set<NodeId> nodes = new LinkedHashSet<>();
        lost.forEach(h -> nodes.add(h.nodeId()));
        try {
            onDropped.accept(nodes);
        } catch (RuntimeException e) {
            LOG.error("the listener of dropped heartbeats failed: {}", e.toString(), e);
        }
    }

    @Override
    public void whenDropped(Consumer<Set<NodeId>> listener) {
        this.onDropped = java.util.Objects.requireNonNull(listener, "listener");
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
        List<T> items = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            items.add(item);
        }
        return items;
    }

    private void write(Connection c, List<HeartbeatWrite> batch, List<HostMinute> host, List<ComponentMinute> components)
            throws SQLException, IOException {
        Map<NodeId, HeartbeatWrite> latest = new LinkedHashMap<>();
        for (HeartbeatWrite h : batch) {
            latest.put(h.nodeId(), h);
        }
        if (!latest.isEmpty()) {
            writeLastSeen(c, latest.values());
        }
        writeFacts(c, batch);
        writePipelineStates(c, batch);
        writeLogs(c, batch);
        writeSamples(c, batch);
        writeSettlements(c, batch);
        copyRollups(c, host, components);
    }

    private static Timestamp ts(java.time.Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static void writeLastSeen(Connection c, java.util.Collection<HeartbeatWrite> heartbeats) throws SQLException {
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
            at[i] = ts(h.at());
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
                where n.id = u.id and (n.last_heartbeat_at is null or n.last_heartbeat_at <= u.at)""")) {
            for (PreparedStatement s : List.of(transitions, update)) {
                s.setArray(1, idArray);
                s.setArray(2, statusArray);
                s.setArray(3, reasonArray);
                s.setArray(4, atArray);
                s.executeUpdate();
            }
        }
    }

    private static void writeFacts(Connection c, List<HeartbeatWrite> batch) throws SQLException {
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
                s.setTimestamp(8, ts(h.at()));
                s.setString(9, f.agentVersion());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void writePipelineStates(Connection c, List<HeartbeatWrite> batch) throws SQLException {
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
                    upsert.setTimestamp(7, ts(p.runningSince().orElse(null)));
                    upsert.setString(8, p.error());
                    upsert.setTimestamp(9, ts(h.at()));
                    upsert.setObject(10, h.nodeId().value());
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
    }

    private static void writeLogs(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        List<UUID> nodes = new ArrayList<>();
        List<UUID> pipelines = new ArrayList<>();
        List<Timestamp> at = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (HeartbeatWrite h : batch) {
            for (HeartbeatWrite.LogLine line : h.logs()) {
                nodes.add(h.nodeId().value());
                pipelines.add(line.pipelineId().value());
                at.add(ts(line.at()));
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

    private static void writeSamples(Connection c, List<HeartbeatWrite> batch) throws SQLException {
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
                    insert.setTimestamp(7, ts(h.at()));
                    insert.setObject(8, h.nodeId().value());
                    insert.addBatch();
                    requests.add(r.requestId());
                }
                for (String request : requests) {
                    settle.setTimestamp(1, ts(h.at()));
                    settle.setObject(2, h.nodeId().value());
                    settle.setString(3, request);
                    settle.addBatch();
                }
            }
            insert.executeBatch();
            settle.executeBatch();
        }
    }

    private static void writeSettlements(Connection c, List<HeartbeatWrite> batch) throws SQLException {
        Set<UUID> touched = new LinkedHashSet<>();
        try (PreparedStatement settle = c.prepareStatement("update node_actions set settled_at = ?, result_status = ?, result_message = ?"
                + " where id = ? and node_id = ? and settled_at is null");
             PreparedStatement updated = c.prepareStatement("update node_actions set settled_at = ?, result_status = 'SUCCEEDED',"
                     + " result_message = 'agent runs ' || ? where node_id = ? and type = 'update' and target_version = ? and settled_at is null")) {
            for (HeartbeatWrite h : batch) {
                for (HeartbeatWrite.ActionSettlement r : h.actionResults()) {
                    settle.setTimestamp(1, ts(h.at()));
                    settle.setString(2, r.status());
                    settle.setString(3, r.message());
                    settle.setString(4, r.actionId());
                    settle.setObject(5, h.nodeId().value());
                    settle.addBatch();
                    touched.add(h.nodeId().value());
                }
                if (h.settledUpdateVersion().isPresent()) {
                    touched.add(h.nodeId().value());
                    updated.setTimestamp(1, ts(h.at()));
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

    private static void copyRollups(Connection c, List<HostMinute> host, List<ComponentMinute> components) throws SQLException, IOException {
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

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("final telemetry flush failed: {}", e.getMessage());
        }
    }
}
