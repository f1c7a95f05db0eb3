package dev.vectorflow.ports.service.node;

import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.node.NodeQueries.NodeView;
import dev.vectorflow.ports.in.node.NodeQueries.PipelineOnNode;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pipelines as they run on nodes: the state their agents last reported, with the live counters this server has. */
public final class PipelineOnNodeViews {

    private final TelemetryRepository telemetry;
    private final LiveTelemetry live;
    private final Clock clock;

    public PipelineOnNodeViews(TelemetryRepository telemetry, LiveTelemetry live, Clock clock) {
        this.telemetry = telemetry;
        this.live = live;
        this.clock = clock;
    }

    /** The node with its pipelines by name ({@code names}: the environment's pipelines; others show an empty name). */
    NodeView view(Node node, Map<PipelineId, String> names) {
        List<PipelineOnNode> running = new ArrayList<>();
        for (StoredPipelineState state : telemetry.pipelineStates(node.id())) {
            running.add(onNode(state, names));
        }
        running.sort(Comparator.comparing(PipelineOnNode::pipelineName));
        return new NodeView(node, running);
    }

    /** The nodes with their pipelines, read in one query (a page of the node list), in the order given. */
    List<NodeView> views(List<Node> nodes, Map<PipelineId, String> names) {
        Map<NodeId, List<PipelineOnNode>> running = new HashMap<>();
        for (StoredPipelineState state : telemetry.pipelineStates(nodes.stream().map(Node::id).toList())) {
            running.computeIfAbsent(state.nodeId(), id -> new ArrayList<>()).add(onNode(state, names));
        }
        List<NodeView> views = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            List<PipelineOnNode> pipelines = running.getOrDefault(node.id(), new ArrayList<>());
            pipelines.sort(Comparator.comparing(PipelineOnNode::pipelineName));
            views.add(new NodeView(node, pipelines));
        }
        return views;
    }

    /** What the nodes running a pipeline last reported about it. */
    public List<StoredPipelineState> statesOf(PipelineId pipeline) {
        return telemetry.pipelineStatesOf(pipeline);
    }

    public PipelineOnNode onNode(StoredPipelineState state, Map<PipelineId, String> names) {
        Instant now = clock.instant();
        return new PipelineOnNode(state.pipelineId(), names.getOrDefault(state.pipelineId(), ""), state.version(), state.checksum(),
                state.status(), state.pid(), state.runningSince().map(since -> Math.max(0, Duration.between(since, now).toSeconds())),
                state.error(), live.live(state.nodeId(), state.pipelineId()));
    }
}
