package dev.vectorflow.core.fleet;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A deployed pipeline in the middle of a staged rollout: only the admitted nodes get the deployed version; the others
 * keep {@code previous} (where its selector matches them), or get nothing when there was no previous deployment.
 */
public record StagedPipeline(Set<NodeId> admitted, boolean everyone, Optional<DesiredPipeline> previous) {

    public StagedPipeline {
        admitted = Set.copyOf(admitted);
        Objects.requireNonNull(previous, "previous");
    }

    public boolean admits(NodeId node) {
        return everyone || admitted.contains(node);
    }
}
