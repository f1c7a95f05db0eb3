package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.LogLine;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.PipelineState;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** What the contracts of the heartbeat path need besides a store: heartbeat writers (closed after each test) and heartbeats. */
public abstract class TelemetryStoreContract extends FleetStoreContract {

    private final List<HeartbeatWriter> writers = new ArrayList<>();

    @AfterEach
    void closeWriters() throws Exception {
        for (HeartbeatWriter writer : writers) {
            if (writer instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    protected HeartbeatWriter newWriter(int capacity) {
        HeartbeatWriter writer = store().newHeartbeatWriter(capacity);
        writers.add(writer);
        return writer;
    }

    /** Offers the heartbeats to a new writer, then flushes it. */
    protected void write(HeartbeatWrite... heartbeats) {
        HeartbeatWriter writer = newWriter(Math.max(1, heartbeats.length));
        for (HeartbeatWrite h : heartbeats) {
            assertThat(writer.offer(h)).as("offered").isTrue();
        }
        writer.flush();
    }

    /** Hands the rollups to a new writer, then flushes it. */
    protected void writeRollups(List<HostMinute> host, List<ComponentMinute> components) {
        HeartbeatWriter writer = newWriter(1);
        writer.offerRollups(host, components);
        writer.flush();
    }

    protected static HeartbeatWrite heartbeat(NodeId node, Instant at, NodeStatus status, String reason) {
        return new HeartbeatWrite(node, at, status, reason, Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty());
    }

    protected static HeartbeatWrite withStates(NodeId node, Instant at, List<PipelineState> states, Optional<java.util.Set<PipelineId>> reported) {
        return new HeartbeatWrite(node, at, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), states, reported, List.of(), List.of(), List.of(),
                Optional.empty());
    }

    protected static HeartbeatWrite withLogs(NodeId node, Instant at, LogLine... lines) {
        return new HeartbeatWrite(node, at, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(), List.of(lines),
                List.of(), List.of(), Optional.empty());
    }

    protected static PipelineState state(PipelineId pipeline, int version, PipelineRunStatus status, String error) {
        boolean running = status == PipelineRunStatus.RUNNING;
        return new PipelineState(pipeline, version, Integer.toHexString(version).repeat(64).substring(0, 64), status, running ? 4242L : null,
                running ? Optional.of(T0) : Optional.empty(), error);
    }

    protected static PipelineId anyPipeline() {
        return new PipelineId(UUID.randomUUID());
    }

    /** A stored node of the environment with that agent version and status. */
    protected Node newNode(EnvironmentId environment, String hostname, String agentVersion, NodeStatus status) {
        Node node = new Node(new NodeId(UUID.randomUUID()), environment, hostname, "linux/amd64", agentVersion, "0.57.0", "STANDALONE",
                Labels.NONE, Labels.NONE, false, status, status == NodeStatus.HEALTHY ? "heartbeat" : "trouble on " + hostname, T0,
                Optional.of(T0), false, "");
        inTransaction(() -> nodeStore().insert(node, lookup(), hash(hostname)));
        return node;
    }

    protected static HostMinute hostMinute(NodeId node, Instant minute, double cpu, long memoryUsed) {
        return new HostMinute(node, minute, 4, cpu, 0.5, memoryUsed, 1000L, 10L, 100L, 1.0, 2.0, 3.0, 4.0);
    }

    protected static ComponentMinute componentMinute(PipelineId pipeline, String component, String kind, Instant minute, long eventsIn,
                                                     long eventsOut, long errors, long discarded) {
        return new ComponentMinute(pipeline, component, kind, minute, eventsIn, eventsOut, eventsIn * 10, eventsOut * 10, errors, discarded);
    }
}
