package dev.vectorflow.ports.in.node;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.telemetry.MetricsQueries.HostNow;
import dev.vectorflow.ports.in.telemetry.MetricsQueries.LiveCounters;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.node.NodeListing;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import java.util.List;
import java.util.Optional;

/** Reads of enrolled nodes: the list of an environment, one node in detail, the nodes a selector matches, a node's actions. */
public interface NodeQueries {

    /** A pipeline as it runs on a node, with its latest counters and rates when this server has them. */
    record PipelineOnNode(PipelineId pipelineId, String pipelineName, Integer version, String checksum, String status, Long pid,
                          Optional<Long> uptimeSeconds, String error, Optional<LiveCounters> live) {
    }

    record NodeView(Node node, List<PipelineOnNode> pipelines) {
    }

    record NodeDetail(NodeView view, List<StatusTransition> transitions, Optional<HostNow> host) {
    }

    /** One page of an environment's nodes with their pipelines, where the next page starts, and how many nodes match in all. */
    record NodePage(List<NodeView> nodes, Optional<NodeListing.After> next, long total) {
    }

    NodePage nodes(EnvironmentId environment, NodeListing.Request request) throws NotFoundFailure;

    NodeDetail node(NodeId node) throws NotFoundFailure;

    /** The environment a node belongs to (access checks). */
    Optional<EnvironmentId> environmentOf(NodeId node);

    /** How many nodes of the environment a selector matches now (not those in maintenance), and the first {@code limit} by hostname. */
    NodeListing.Page matching(EnvironmentId environment, NodeSelector selector, int limit) throws NotFoundFailure;

    /** The node's recent one-shot actions (restart, sample, update), newest first, with how the agent settled them. */
    List<StoredAction> actions(NodeId node) throws NotFoundFailure;
}
