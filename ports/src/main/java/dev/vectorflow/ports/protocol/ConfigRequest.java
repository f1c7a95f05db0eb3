package dev.vectorflow.ports.protocol;

/** Protocol v1: {@code POST /api/agent/config}; {@code version} null means the desired one. */
public record ConfigRequest(String pipelineId, Integer version) {
}
