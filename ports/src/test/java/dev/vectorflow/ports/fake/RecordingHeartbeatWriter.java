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

/** Fake of {@link HeartbeatWriter}: keeps what it was offered, refuses when "full", and can report heartbeats as dropped. */
public final class RecordingHeartbeatWriter implements HeartbeatWriter {

    private final List<HeartbeatWrite> queued = new ArrayList<>();
    private final List<HeartbeatWrite> written = new ArrayList<>();
    private final List<HostMinute> hostRollups = new ArrayList<>();
    private final List<ComponentMinute> componentRollups = new ArrayList<>();
    private boolean full;
    private Consumer<Set<NodeId>> onDropped = nodes -> { };

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
    public boolean offer(HeartbeatWrite heartbeat) {
        if (full) {
            return false;
        }
        queued.add(heartbeat);
        return true;
    }

    @Override
    public void offerRollups(List<HostMinute> host, List<ComponentMinute> components) {
        hostRollups.addAll(host);
        componentRollups.addAll(components);
    }

    @Override
    public int queued() {
        return queued.size();
    }

    @Override
    public void flush() {
        written.addAll(queued);
        queued.clear();
    }

    @Override
    public void whenDropped(Consumer<Set<NodeId>> listener) {
        this.onDropped = listener;
    }
}
