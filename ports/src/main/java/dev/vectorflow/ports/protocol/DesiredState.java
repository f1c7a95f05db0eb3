package dev.vectorflow.ports.protocol;

import java.util.List;

/** Protocol v1: {@code GET /api/agent/config}: every pipeline the node should run now. */
public record DesiredState(List<PipelineConfig> pipelines, long pollIntervalMs) {

    public DesiredState {
        pipelines = pipelines == null ? List.of() : List.copyOf(pipelines);
    }
}
