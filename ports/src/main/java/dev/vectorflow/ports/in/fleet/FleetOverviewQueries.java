package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.UpdateTally;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of a whole environment's fleet at once for its dashboard: counted by the database and read from the live
 * telemetry in memory, never node by node.
 */
public interface FleetOverviewQueries {

    /** Most items the attention list holds; {@link Attention#total()} counts them all. */
    int ATTENTION_LIMIT = 50;

    /** Events and errors of the environment's pipelines over one step: sums, per second. */
    record FlowPoint(Instant at, double eventsInPerSec, double eventsOutPerSec, double errorsPerSec, double discardedPerSec) {
    }

    /** Latest rates summed over the environment's pipelines on the nodes this server heard from recently. */
    record LiveFlow(double eventsInPerSec, double eventsOutPerSec, double errorsPerSec, double discardedPerSec, int nodesReporting) {
    }

    /** Why a node or a pipeline on a node needs someone to look: its status, or an agent older than the fleet's baseline. */
    enum AttentionKind { NODE_UNREACHABLE, PIPELINE_FAILED, PIPELINE_CRASH_LOOP, NODE_DEGRADED, AGENT_STALE }

    /** One thing to look at; {@code pipelineId} is set for pipeline items. */
    record AttentionItem(AttentionKind kind, NodeId nodeId, String hostname, Optional<PipelineId> pipelineId, String pipelineName,
                         String status, String reason, String agentVersion) {
    }

    /** The most urgent items first (at most {@link #ATTENTION_LIMIT}), and how many there are in all. */
    record Attention(long total, List<AttentionItem> items) {
        public Attention {
            items = List.copyOf(items);
        }
    }

    /** Agent versions in the fleet: node counts per version (most common first), the baseline, and how many nodes are behind it. */
    record AgentVersions(Map<String, Long> nodesByVersion, Optional<String> newestRelease, Optional<String> majority,
                         Optional<String> target, long staleNodes) {
    }

    /** The dashboard of one environment. */
    record FleetOverview(Instant at, long nodes, Map<String, Long> nodesByStatus, long nodesInMaintenance,
                         Map<String, Long> pipelineRunsByStatus, int pipelines, int deployedPipelines, LiveFlow live, Duration step,
                         List<FlowPoint> series, AgentVersions agents, List<UpdateTally> updates, Attention attention) {
    }


    FleetOverview overview(EnvironmentId environment, Instant from, Instant to, Duration step) throws NotFoundFailure;
}
