package dev.vectorflow.ports.out.fleet;

import java.util.List;

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
}
