package dev.vectorflow.agent.pipeline;

/**
 * A snapshot of one pipeline as the agent reports it (the statuses of docs/agent-protocol.md), with the loopback
 * addresses to scrape. {@code apiAddress}/{@code metricsAddress} are null when no Vector runs.
 */
public record PipelineView(String pipelineId, Integer version, String checksum, String status, Long pid,
                           Long uptimeSeconds, String error, String apiAddress, String metricsAddress) {
}
