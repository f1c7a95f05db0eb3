package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.fleet.NodeId;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Driven port: the write-behind queue of the heartbeat path. Nothing touches the database on the request path; a
 * writer flushes batches (one transaction per flush, set-based updates and COPY).
 */
public interface TelemetryWriter {

    /** Queues what one heartbeat changed; false when the queue is full (the agent is told to come back later). */
    boolean offer(TelemetryBatch.Heartbeat heartbeat);

    /** Queues finished per-minute rollups; they are never refused (their number is bounded by nodes × minutes). */
    void offerRollups(List<TelemetryBatch.HostMinute> host, List<TelemetryBatch.ComponentMinute> components);

    /** How many heartbeats wait to be written. */
    int queued();

    /** Writes everything queued now (tests, and a graceful stop). */
    void flush();

    /**
     * Who to tell about heartbeats that could not be written (after a retry one by one): the caller forgets what it
     * believes was written for those nodes, so that their next heartbeat writes everything again.
     */
    void whenDropped(Consumer<Set<NodeId>> listener);
}
