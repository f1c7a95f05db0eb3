package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.util.List;

/** Use case: what admins and editors do to enrolled nodes. */
public interface ManageNodesUseCase {

    /** Replaces the labels users set (they win over the agent's). */
    Node setLabels(Actor actor, NodeId node, Labels labels) throws NotFoundFailure;

    /** In maintenance a node should run nothing. */
    Node setMaintenance(Actor actor, NodeId node, boolean on) throws NotFoundFailure;

    /** The agent gets 401 from its next call on. */
    void revokeToken(Actor actor, NodeId node) throws NotFoundFailure;

    void delete(Actor actor, NodeId node) throws NotFoundFailure;

    /** A single-use enrollment token that gives this node (its record and history) a new node token. */
    ManageEnrollmentTokensUseCase.IssuedEnrollmentToken reenroll(Actor actor, NodeId node) throws NotFoundFailure;

    /** Queues a restart of one pipeline on the node; returns the action id. */
    String restartPipeline(Actor actor, NodeId node, PipelineId pipeline) throws NotFoundFailure;

    /** Queues a sample request; returns the request id to poll for results. */
    String requestSample(Actor actor, NodeId node, PipelineId pipeline, List<String> componentKeys, int limit) throws NotFoundFailure;
}
