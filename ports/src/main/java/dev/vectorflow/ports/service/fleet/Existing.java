package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;

/** The fleet's "find it or say it is not there" reads, worded once. */
public final class Existing {

    private Existing() {
    }

    public static Node node(NodeRepository nodes, NodeId id) throws NotFoundFailure {
        return nodes.findById(id).orElseThrow(() -> new NotFoundFailure("Node", id));
    }

    public static Pipeline pipeline(PipelineRepository pipelines, PipelineId id) throws NotFoundFailure {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundFailure("Pipeline", id));
    }

    /** The pipeline, when it belongs to the node's environment. */
    public static Pipeline pipelineOf(PipelineRepository pipelines, Node node, PipelineId id) throws NotFoundFailure {
        return pipelines.findById(id).filter(p -> p.environmentId().equals(node.environmentId()))
                .orElseThrow(() -> new NotFoundFailure("Pipeline", id));
    }
}
