package dev.vectorflow.adapter.postgres.heartbeat;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HeartbeatWriter} on PostgreSQL: a bounded queue and one thread that flushes it every {@code flushInterval} (or
 * sooner when a batch is full) as one {@link HeartbeatBatch}. When a flush fails, its heartbeats are written one by one,
 * so that one bad row never costs other nodes theirs; what is still lost is reported to the {@link #whenDropped} listener.
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
    /**
     * Set when an offer found no room, cleared when the writer next takes heartbeats out: {@link #full()} reads this
     * instead of asking the queue, whose size needs the lock that every offer and drain takes.
     */
    private volatile boolean refusing;
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
        if (!running) {
            return false;
        }
        if (queue.offer(heartbeat)) {
            return true;
        }
        refusing = true;
        return false;
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
    public boolean full() {
        return !running || refusing;
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
        refusing = false;
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
            HeartbeatBatch.write(c, batch, host, components);
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
        this.onDropped = Objects.requireNonNull(listener, "listener");
    }

    private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
        List<T> items = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            items.add(item);
        }
        return items;
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
