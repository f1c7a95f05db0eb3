package dev.vectorflow.ports.in.delivery;

import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import java.util.Objects;
import java.util.Optional;

/** Input of {@link FetchPipelineConfigUseCase}: which pipeline the agent asks for, and which version (empty: the desired one). */
public record PipelineConfigQuery(AgentIdentity agent, PipelineId pipelineId, Optional<Integer> version) {

    public PipelineConfigQuery {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(version, "version");
    }
}
