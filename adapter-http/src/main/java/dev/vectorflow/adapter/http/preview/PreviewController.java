package dev.vectorflow.adapter.http.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.PreviewUseCases;
import dev.vectorflow.adapter.http.agent.AgentApi;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.delivery.ConfigDeliveryController;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.adapter.http.preview.PreviewResponses.PreviewResponse;
import dev.vectorflow.adapter.http.preview.PreviewResponses.StartedPreview;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.preview.RequestPreviewCommand;
import dev.vectorflow.ports.in.preview.RunPreviewUseCase.PreviewWork;
import dev.vectorflow.ports.protocol.PreviewJob;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Previews of a pipeline's draft on real events: editors start one on a node, viewers read it; the node's agent fetches
 * what to run ({@code POST /api/agent/preview}) and sends what the runs wrote ({@code POST /api/agent/preview-result}).
 */
public final class PreviewController {

    /** Highest version number a request may name. */
    static final int MAX_VERSION = 1_000_000;
    private static final Pattern PREVIEW_ID = Pattern.compile("[0-9a-fA-F-]{1,36}");

    private final PreviewUseCases previews;
    private final Access.TeamLocator pipelineTeam;
    private final JsonBodyReader bodies;
    private final AgentApi agentApi;
    private final ObjectMapper mapper;

    public PreviewController(PreviewUseCases previews, Access.TeamLocator pipelineTeam, JsonBodyReader bodies, AgentApi agentApi) {
        this.previews = previews;
        this.pipelineTeam = pipelineTeam;
        this.bodies = bodies;
        this.agentApi = agentApi;
        this.mapper = agentApi.mapper();
    }

    public void register(ApiRoutes routes) {
        routes.post("/api/pipelines/{pipelineId}/previews", Access.team(Role.EDITOR, pipelineTeam), this::start);
        routes.get("/api/pipelines/{pipelineId}/previews/{previewId}", Access.team(Role.VIEWER, pipelineTeam), this::get);
        routes.post("/api/agent/preview", Access.agent(), this::work);
        routes.post("/api/agent/preview-result", Access.agent(), this::result);
    }

    private void start(Context ctx) throws NotFoundFailure, ConflictFailure, InvalidGraphFailure {
        PipelineId pipeline = PathParams.pipelineId(ctx);
        ObjectNode raw = bodies.readObject(ctx);
        JsonFields body = new JsonFields(raw, Set.of("nodeId", "against"));
        Optional<NodeId> node = body.convert(body.requiredText("nodeId"), s -> NodeId.parse("nodeId", s));
        JsonNode against = raw.get("against");
        Optional<Optional<Integer>> version = body.convert(Optional.ofNullable(against).filter(a -> !a.isNull()),
                PreviewController::against);
        body.throwIfInvalid();
        String id = previews.request().requestPreview(new RequestPreviewCommand(Caller.of(ctx).actor(), pipeline, node.get(),
                version.orElse(Optional.empty())));
        ctx.status(202).json(new StartedPreview(id));
    }

    /** {@code "deployed"} (empty) or a version number. */
    private static Optional<Integer> against(JsonNode value) {
        if (value.isTextual() && value.asText().equals("deployed")) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 1 && value.asInt() <= MAX_VERSION) {
            return Optional.of(value.asInt());
        }
        throw new InvalidValueException("against", "must be \"deployed\" or a version number from 1 to " + MAX_VERSION);
    }

    private void get(Context ctx) throws NotFoundFailure {
        PipelineId pipeline = PathParams.pipelineId(ctx);
        String id = ctx.pathParam("previewId");
        if (!PREVIEW_ID.matcher(id).matches()) {
            throw new NotFoundFailure("Preview", id.length() > 40 ? id.substring(0, 40) : id);
        }
        ctx.json(PreviewResponse.fromDomain(previews.queries().preview(pipeline, id)));
    }

    private void work(Context ctx) throws NotFoundFailure {
        AgentIdentity agent = agentApi.agent(ctx);
        String requestId = agentApi.reader().previewRequestId(agentApi.bodies().readTree(ctx));
        PreviewWork work = previews.run().previewWork(agent, requestId);
        StringBuilder ndjson = new StringBuilder();
        try {
            for (Object event : work.events()) {
                ndjson.append(mapper.writeValueAsString(event)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        ctx.json(new PreviewJob(work.requestId(), ndjson.toString(), ConfigDeliveryController.toWire(work.baseline()),
                ConfigDeliveryController.toWire(work.draft())));
    }

    private void result(Context ctx) throws NotFoundFailure {
        AgentIdentity agent = agentApi.agent(ctx);
        previews.run().receivePreviewOutputs(agent, agentApi.reader().previewOutputs(agentApi.bodies().readTree(ctx)));
        ctx.json(Map.of("ok", true));
    }
}
