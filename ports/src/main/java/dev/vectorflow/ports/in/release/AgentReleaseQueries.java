package dev.vectorflow.ports.in.release;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.VersionChange;
import java.util.List;

/** Read side of agent releases: the registered ones, and which a node ran when. */
public interface AgentReleaseQueries {

    /** Every registered release, newest first. */
    List<AgentRelease> agentReleases();

    /** The node's agent versions, newest first (at most 100). */
    List<VersionChange> agentVersionHistory(NodeId node) throws NotFoundFailure;
}
