package dev.vectorflow.ports.fake;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fake of {@link HeartbeatWriter}: keeps what it was offered, refuses when "full" or its queue is, can report heartbeats as
 * dropped, and, given a store, writes each flush into it as the database writer does.
 */
public final class RecordingHeartbeatWriter implements HeartbeatWriter {

    private final List<HeartbeatWrite> queued = new ArrayList<>();
    private final List<HeartbeatWrite> written = new ArrayList<>();
    private final List<HostMinute> hostRollups = new ArrayList<>();
    private final List<ComponentMinute> componentRollups = new ArrayList<>();
    private final List<Rollups> pendingRollups = new ArrayList<>();

    private record Rollups(List<HostMinute> host, List<ComponentMinute> components) {
    }
    private final int capacity;
    private final InMemoryTelemetryRepository store;
    private boolean full;
    private Consumer<Set<NodeId>> onDropped = nodes -> { };

    /** A writer that keeps everything and stores nothing. */
    public RecordingHeartbeatWriter() {
        this(Integer.MAX_VALUE, null);
    }

    /** A writer whose queue holds {@code capacity} heartbeats and whose flushes write into {@code store}. */
    public RecordingHeartbeatWriter(int capacity, InMemoryTelemetryRepository store) {
        this.capacity = capacity;
        this.store = store;
    }

    /** From now on every offer is refused (or accepted again). */
    public void full(boolean full) {
        this.full = full;
    }

    /** Everything handed over so far, queued or flushed, in order. */
    public List<HeartbeatWrite> offered() {
        List<HeartbeatWrite> all = new ArrayList<>(written);
        all.addAll(queued);
        return all;
    }

    public HeartbeatWrite last() {
        return offered().getLast();
    }

    public List<HostMinute> hostRollups() {
        return hostRollups;
    }

    public List<ComponentMinute> componentRollups() {
        return componentRollups;
    }

    /** Tells the listener that these nodes' heartbeats could not be stored. */
    public void drop(Set<NodeId> nodes) {
        onDropped.accept(nodes);
    }

    @Override
    public boolean full() {
        return full || queued.size() >= capacity;
    }

    @Override
    public boolean offer(HeartbeatWrite heartbeat) {
        if (full()) {
            return false;
        }
        queued.add(heartbeat);
        return true;
    }

    @Override
    public void offerRollups(List<HostMinute> host, List<ComponentMinute> components) {
        hostRollups.addAll(host);
        componentRollups.addAll(components);
        if (store != null) {
            pendingRollups.add(new Rollups(List.copyOf(host), List.copyOf(components)));
        }
    }

    @Override
    public int queued() {
        return queued.size();
    }

    @Override
    public void flush() {
        if (store != null) {
            store.write(queued);
            pendingRollups.forEach(r -> store.writeRollups(r.host(), r.components()));
            pendingRollups.clear();
        }
        written.addAll(queued);
        queued.clear();
    }

    @Override
    public void whenDropped(Consumer<Set<NodeId>> listener) {
        this.onDropped = listener;
    }
}
