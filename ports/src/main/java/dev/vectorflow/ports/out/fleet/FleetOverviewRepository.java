package dev.vectorflow.ports.out.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Driven port: an environment's fleet counted and listed by the database in a few set-based queries. */
public interface FleetOverviewRepository {

    /** Node counts by status, and how many are in maintenance. */
    record NodeTally(Map<String, Long> byStatus, long inMaintenance) {
    }

    /** A node that needs attention (not HEALTHY, or on one of the stale versions). */
    record NodeRow(NodeId nodeId, String hostname, String status, String statusReason, String agentVersion) {
    }

    /** A pipeline in CRASH_LOOP or FAILED on a node. */
    record PipelineRow(NodeId nodeId, String hostname, String agentVersion, PipelineId pipelineId, String pipelineName, String status,
                       String error) {
    }

    /** The first {@code limit} rows in order of urgency and how many match in all. */
    record Page<T>(long total, List<T> rows) {
        public Page {
            rows = List.copyOf(rows);
        }
    }

    /**
     * Sums over the environment's pipelines per step bucket: events in at sources, out at sinks, errors and discards of
     * every component; {@code seconds} is how much of the bucket its rollups cover (less than a step while it fills).
     */
    record FlowBucket(Instant at, long eventsIn, long eventsOut, long errors, long discarded, long seconds) {
    }

    /** Update actions to one version in the environment by how the agents settled them. */
    record UpdateTally(String version, long pending, long succeeded, long failed, Instant lastRequestedAt) {
    }

    NodeTally nodeTally(EnvironmentId environment);

    /** Node counts per agent version, most common first, at most {@code limit} versions. */
    Map<String, Long> nodesByAgentVersion(EnvironmentId environment, int limit);

    /** Counts of pipeline states on the environment's nodes, by status. */
    Map<String, Long> pipelineRunsByStatus(EnvironmentId environment);

    /** UNREACHABLE first, then DEGRADED, then nodes only on a stale version; by hostname within each. */
    Page<NodeRow> nodesNeedingAttention(EnvironmentId environment, Set<String> staleVersions, int limit);

    /** FAILED first, then CRASH_LOOP; by hostname and pipeline within each. */
    Page<PipelineRow> pipelinesNeedingAttention(EnvironmentId environment, int limit);

    List<FlowBucket> flow(EnvironmentId environment, Instant from, Instant to, Duration step);

    /** The {@code limit} versions updated to most recently. */
    List<UpdateTally> updates(EnvironmentId environment, int limit);

    /** The node's agent version changes, newest first: version, the one before (empty at enrollment), when. */
    List<VersionChange> agentVersions(NodeId node, int limit);

    /** A recorded change of a node's agent version. */
    record VersionChange(String version, Optional<String> previousVersion, Instant at) {
    }
}
