package dev.vectorflow.ports.out.alert;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Driven port: the stored facts the alert rules read beyond nodes and live rates, each read in one query for every
 * environment (or pipeline) of an evaluation round, never per node.
 */
public interface AlertInputs {

    /** The version and status a node last reported for a pipeline. */
    record ReportedState(EnvironmentId environment, NodeId node, PipelineId pipeline, Integer version, String status) {
    }

    /** How a node's most recently settled agent update went ({@code status} SUCCEEDED or FAILED). */
    record AgentUpdate(EnvironmentId environment, NodeId node, String targetVersion, String status, String message, Instant settledAt) {
    }

    /** A log line an agent sent; {@code seq} grows. */
    record LogLine(long seq, EnvironmentId environment, NodeId node, PipelineId pipeline, String line) {
    }

    /** The events in and out one component (of a kind: source, transform, sink) counted in one minute, summed over the nodes. */
    record ComponentMinuteTotals(PipelineId pipeline, String component, String componentKind, Instant minute, long eventsIn, long eventsOut) {
    }

    /** What the nodes of these environments last reported for each pipeline. */
    List<ReportedState> reportedStates(Set<EnvironmentId> environments);

    /** Per node of these environments, its most recently settled agent update (nodes never updated are left out). */
    List<AgentUpdate> lastAgentUpdates(Set<EnvironmentId> environments);

    /** The highest log sequence number stored (0 when none). */
    long lastLogSeq();

    /**
     * Lines of nodes of these environments after {@code afterSeq} up to {@code upToSeq} (inclusive): at most the newest
     * {@code perNode} of each node, oldest first.
     */
    List<LogLine> logsBetween(Set<EnvironmentId> environments, long afterSeq, long upToSeq, int perNode);

    /** The minute rollups of these pipelines from {@code from} (inclusive) to {@code to} (exclusive), per component and minute. */
    List<ComponentMinuteTotals> componentMinutes(Set<PipelineId> pipelines, Instant from, Instant to);
}
