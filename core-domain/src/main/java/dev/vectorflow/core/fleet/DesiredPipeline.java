package dev.vectorflow.core.fleet;

import dev.vectorflow.core.pipeline.PipelineId;
import java.util.Objects;

/**
 * A deployed pipeline version as nodes should run it: {@code checksum} covers the rendered YAML and the values of the
 * secrets and certificates it references, so rotating one of them changes it.
 */
public record DesiredPipeline(PipelineId pipelineId, String pipelineName, int version, String checksum, NodeSelector selector) {

    public DesiredPipeline {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(selector, "selector");
    }
}
