package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the fleet for the dashboards: tokens, nodes, deployments, metrics, logs and samples. */
public interface FleetQueries {

    /** Which nodes to list. */
    record NodeFilter(Optional<NodeStatus> status, NodeSelector labels, Optional<String> search) {
    }

    /** A pipeline as it runs on a node, with its latest counters and rates when this server has them. */
    record PipelineOnNode(PipelineId pipelineId, String pipelineName, Integer version, String checksum, String status, Long pid,
                          Optional<Long> uptimeSeconds, String error, Optional<LiveCounters> live) {
    }

    /** Latest cumulative counters and per-second rates of a pipeline or component. */
    record LiveCounters(long eventsIn, long eventsOut, long bytesIn, long bytesOut, long errors, long discarded,
                        double eventsInPerSec, double eventsOutPerSec, double bytesInPerSec, double bytesOutPerSec,
                        double errorsPerSec, double discardedPerSec) {
    }

    record NodeView(Node node, List<PipelineOnNode> pipelines) {
    }

    /** Latest host gauges of a node. */
    record HostNow(Instant at, Double cpuPercent, Double loadAvg1, Long memoryUsedBytes, Long memoryTotalBytes, Long fsUsedBytes,
                   Long fsTotalBytes) {
    }

    record NodeDetail(NodeView view, List<StatusTransition> transitions, Optional<HostNow> host) {
    }

    /** One node's view of a deployment. */
    record NodeDeploymentState(Node node, Optional<Integer> desiredVersion, Optional<PipelineOnNode> reported, boolean inSync) {
    }

    /**
     * The deployment of a pipeline, each node's view of it, and the environment variables the deployed version
     * needs on the nodes (its agent runs Vector with interpolation for it; empty when it needs none).
     */
    record DeploymentStatus(Optional<Deployment> current, List<NodeDeploymentState> nodes, java.util.Set<String> environmentVariables) {
        public DeploymentStatus {
            environmentVariables = java.util.Set.copyOf(environmentVariables);
        }
    }

    /** Totals over nodes and per component, per step bucket; {@code live} holds the latest rates per component. */
    record PipelineMetrics(Duration step, List<ComponentMinute> totals, Map<String, List<ComponentMinute>> components,
                           Map<String, LiveCounters> live) {
    }

    /** Results of a sample request so far; done when every requested component answered. */
    record SampleStatus(String requestId, boolean done, List<EventSample> results) {
    }

    List<EnrollmentToken> enrollmentTokens(EnvironmentId environment) throws NotFoundFailure;

    List<NodeView> nodes(EnvironmentId environment, NodeFilter filter) throws NotFoundFailure;

    NodeDetail node(NodeId node) throws NotFoundFailure;

    /** The environment a node belongs to (access checks). */
    Optional<EnvironmentId> environmentOf(NodeId node);

    List<Node> matching(EnvironmentId environment, NodeSelector selector) throws NotFoundFailure;

    DeploymentStatus deploymentStatus(PipelineId pipeline) throws NotFoundFailure;

    /** The environment variables version {@code version} of a pipeline needs on the nodes that run it (sorted; empty for none). */
    java.util.Set<String> environmentVariables(PipelineId pipeline, int version) throws NotFoundFailure;

    List<HostMinute> nodeMetrics(NodeId node, Instant from, Instant to, Duration step) throws NotFoundFailure;

    PipelineMetrics pipelineMetrics(PipelineId pipeline, Instant from, Instant to, Duration step) throws NotFoundFailure;

    List<StoredLogLine> logs(NodeId node, Optional<PipelineId> pipeline, long afterSeq, int limit) throws NotFoundFailure;

    SampleStatus sample(NodeId node, String requestId) throws NotFoundFailure;

    /** The node's recent one-shot actions (restart, sample, update), newest first, with how the agent settled them. */
    List<StoredAction> actions(NodeId node) throws NotFoundFailure;
}
