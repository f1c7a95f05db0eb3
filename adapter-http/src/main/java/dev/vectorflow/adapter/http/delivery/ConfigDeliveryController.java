package dev.vectorflow.adapter.http.delivery;

import dev.vectorflow.adapter.http.agent.AgentApi;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.delivery.DesiredConfigs;
import dev.vectorflow.ports.in.delivery.FetchDesiredStateUseCase;
import dev.vectorflow.ports.in.delivery.FetchPipelineConfigUseCase;
import dev.vectorflow.ports.in.delivery.PipelineConfigQuery;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.protocol.CertFile;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.PipelineConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** Config delivery of protocol v1: one pipeline's config ({@code POST /api/agent/config}) or all of them ({@code GET}). */
public final class ConfigDeliveryController {

    private final FetchPipelineConfigUseCase pipelineConfig;
    private final FetchDesiredStateUseCase desiredState;
    private final AgentApi agentApi;

    public ConfigDeliveryController(FetchPipelineConfigUseCase pipelineConfig, FetchDesiredStateUseCase desiredState, AgentApi agentApi) {
        this.pipelineConfig = pipelineConfig;
        this.desiredState = desiredState;
        this.agentApi = agentApi;
    }

    public void register(ApiRoutes routes) {
        routes.post("/api/agent/config", Access.agent(), this::config);
        routes.get("/api/agent/config", Access.agent(), this::desiredState);
    }

    private void config(Context ctx) throws NotFoundFailure {
        AgentIdentity agent = agentApi.agent(ctx);
        ConfigRequest request = agentApi.reader().config(agentApi.bodies().readTree(ctx));
        Optional<Integer> version = Optional.ofNullable(request.version());
        // an id that cannot be a pipeline names no deployment of this node
        PipelineId pipeline = AgentApi.pipelineId(request.pipelineId()).orElseThrow(() -> new NotFoundFailure("Pipeline deployment for this node",
                request.pipelineId() + version.map(v -> " v" + v).orElse("")));
        ctx.json(toWire(pipelineConfig.fetchPipelineConfig(new PipelineConfigQuery(agent, pipeline, version))));
    }

    private void desiredState(Context ctx) {
        DesiredConfigs configs = desiredState.fetchDesiredState(agentApi.agent(ctx));
        ctx.json(new DesiredState(configs.pipelines().stream().map(ConfigDeliveryController::toWire).toList(),
                configs.pollInterval().toMillis()));
    }

    /** A delivered config as the agent receives it. */
    public static PipelineConfig toWire(DeliveredConfig c) {
        return new PipelineConfig(c.pipelineId().toString(), c.pipelineName(), c.version(), c.checksum(), c.logLevel(), c.configYaml(),
                c.secrets(), c.certFiles().stream().map(f -> new CertFile(f.name(), f.filename(), f.data())).toList());
    }
}
