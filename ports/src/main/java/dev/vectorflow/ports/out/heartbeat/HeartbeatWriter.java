package dev.vectorflow.ports.out.heartbeat;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Driven port: the write-behind queue of the heartbeat path. Nothing touches the database on the request path; a
 * writer flushes batches (one transaction per flush, set-based updates and COPY).
 */
public interface HeartbeatWriter {

    /** Queues what one heartbeat changed; false when the queue is full (the agent is told to come back later). */
    boolean offer(HeartbeatWrite heartbeat);

    /** Queues finished per-minute rollups; they are never refused (their number is bounded by nodes × minutes). */
    void offerRollups(List<HostMinute> host, List<ComponentMinute> components);

    /** How many heartbeats wait to be written. */
    int queued();

    /**
     * Whether offers are being refused (the queue has no room): lets the heartbeat be turned away before its report is
     * read, so that a server catching up spends nothing on the reports it cannot take. Asked for every heartbeat, so an
     * answer may lag the queue by one offer (the database writer answers from a flag its refused offers set and its
     * next drain clears, without taking the queue's lock).
     */
    boolean full();

    /** Writes everything queued now (tests, and a graceful stop). */
    void flush();

    /**
     * Who to tell about heartbeats that could not be written (after a retry one by one): the caller forgets what it
     * believes was written for those nodes, so that their next heartbeat writes everything again.
     */
    void whenDropped(Consumer<Set<NodeId>> listener);
}
