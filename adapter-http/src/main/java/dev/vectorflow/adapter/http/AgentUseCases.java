package dev.vectorflow.adapter.http;

import dev.vectorflow.ports.in.delivery.FetchDesiredStateUseCase;
import dev.vectorflow.ports.in.delivery.FetchPipelineConfigUseCase;
import dev.vectorflow.ports.in.enrollment.EnrollNodeUseCase;
import dev.vectorflow.ports.in.heartbeat.AuthenticateAgentUseCase;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase;
import dev.vectorflow.ports.in.heartbeat.ReceiveLogsAndSamplesUseCase;

/** The use cases the agent API ({@code /api/agent}) drives: enrollment, the heartbeat and config delivery. */
public record AgentUseCases(AuthenticateAgentUseCase authenticate, EnrollNodeUseCase enrollNode, ReceiveHeartbeatUseCase receiveHeartbeat,
                            ReceiveLogsAndSamplesUseCase receiveLogsAndSamples, FetchPipelineConfigUseCase fetchPipelineConfig,
                            FetchDesiredStateUseCase fetchDesiredState) {
}
