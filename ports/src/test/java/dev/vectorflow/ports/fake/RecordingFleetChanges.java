package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import java.util.ArrayList;
import java.util.List;

/** Fake of {@link FleetChanges}: keeps the notices, in order, and drops the cache entries they name when given a cache. */
public final class RecordingFleetChanges implements FleetChanges {

    private final List<Object> notices = new ArrayList<>();
    private final FleetCache cache;

    public RecordingFleetChanges() {
        this(null);
    }

    public RecordingFleetChanges(FleetCache cache) {
        this.cache = cache;
    }

    /** Every environment and node named so far, in order. */
    public List<Object> notices() {
        return notices;
    }

    @Override
    public void environmentChanged(EnvironmentId environment) {
        notices.add(environment);
        if (cache != null) {
            cache.forgetEnvironment(environment);
        }
    }

    @Override
    public void nodeChanged(NodeId node) {
        notices.add(node);
        if (cache != null) {
            cache.forgetNode(node);
        }
    }
}
