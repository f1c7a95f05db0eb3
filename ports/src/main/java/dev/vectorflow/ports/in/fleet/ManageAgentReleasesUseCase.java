package dev.vectorflow.ports.in.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import java.util.List;

/** Use case: register agent releases and tell nodes to update to one (an {@code update} action each). */
public interface ManageAgentReleasesUseCase {

    AgentRelease register(Actor actor, AgentRelease release) throws ConflictFailure;

    List<AgentRelease> releases();

    /** Queues an update of one node; returns the action id. */
    String updateNode(Actor actor, NodeId node, String version) throws NotFoundFailure;

    /** Queues an update of every node of the environment the selector matches (not already on that version); returns how many. */
    int updateNodes(Actor actor, EnvironmentId environment, NodeSelector selector, String version) throws NotFoundFailure;
}
