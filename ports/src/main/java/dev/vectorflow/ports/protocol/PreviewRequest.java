package dev.vectorflow.ports.protocol;

/** Protocol v1: the agent asks for what a {@code preview} action runs ({@code POST /api/agent/preview}). */
public record PreviewRequest(String requestId) {
}
