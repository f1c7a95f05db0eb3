package dev.vectorflow.core.fleet;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The version of a pipeline that should run on the nodes of its environment that match the selector. */
public record Deployment(PipelineId pipelineId, EnvironmentId environmentId, int version, NodeSelector selector, Instant deployedAt,
                         String deployedBy) {

    public Deployment {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(environmentId, "environmentId");
        if (version < 1) {
            throw new IllegalArgumentException("'version' must be 1 or more but was " + version);
        }
        selector = selector == null ? NodeSelector.ALL : selector;
        deployedAt = Objects.requireNonNull(deployedAt, "deployedAt").truncatedTo(ChronoUnit.MICROS);
        deployedBy = Objects.requireNonNullElse(deployedBy, "");
    }
}
