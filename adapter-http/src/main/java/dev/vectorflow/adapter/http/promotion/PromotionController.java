package dev.vectorflow.adapter.http.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.ErrorMapping;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.adapter.http.pipeline.PipelineController;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.ApprovalPage;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.ApprovalResponse;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.PreviewResponse;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.PromotedResponse;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.pipeline.ComponentKey;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.core.promotion.ApprovalState;
import dev.vectorflow.core.promotion.ValueMapping;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import dev.vectorflow.ports.in.promotion.ApprovalQueries;
import dev.vectorflow.ports.in.promotion.PromotePipelineCommand;
import dev.vectorflow.ports.in.promotion.PromotePipelineUseCase;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Promotion of a version into another environment (preview and promote: readers of the source; the target's editor role
 * is checked by the use case), and the approval requests of an environment (viewers list them, admins decide them).
 */
public final class PromotionController {

    static final int NOTE_MAX_LENGTH = 500;
    private static final Set<String> PROMOTE_FIELDS = Set.of("targetEnvironmentId", "values", "deploy", "note");
    private static final Set<String> VALUE_FIELDS = Set.of("component", "option", "value");

    private final PromotionUseCases useCases;
    private final Access.TeamLocator pipelineTeam;
    private final Access.TeamLocator environmentTeam;
    private final JsonBodyReader bodies;

    public PromotionController(PromotionUseCases useCases, Access.TeamLocator pipelineTeam, Access.TeamLocator environmentTeam,
                               JsonBodyReader bodies) {
        this.useCases = useCases;
        this.pipelineTeam = pipelineTeam;
        this.environmentTeam = environmentTeam;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.post("/api/pipelines/{pipelineId}/versions/{number}/promote/preview", Access.team(Role.VIEWER, pipelineTeam), this::preview);
        routes.post("/api/pipelines/{pipelineId}/versions/{number}/promote", Access.team(Role.VIEWER, pipelineTeam), this::promote);
        routes.get("/api/environments/{id}/approvals", Access.team(Role.VIEWER, environmentTeam), this::list);
        routes.get("/api/environments/{id}/approvals/{approvalId}", Access.team(Role.VIEWER, environmentTeam), this::get);
        routes.post("/api/environments/{id}/approvals/{approvalId}/approve", Access.team(Role.ADMIN, environmentTeam), this::approve);
        routes.post("/api/environments/{id}/approvals/{approvalId}/reject", Access.team(Role.ADMIN, environmentTeam), this::reject);
    }

    private void preview(Context ctx) throws DomainFailure {
        ctx.json(PreviewResponse.fromDomain(useCases.promote().preview(command(ctx))));
    }

    private void promote(Context ctx) throws DomainFailure {
        switch (useCases.promote().promote(command(ctx))) {
            case PromotePipelineUseCase.Promoted promoted -> ctx.status(201)
                    .header("Location", "/api/pipelines/" + promoted.pipeline().id() + "/versions/" + promoted.version().number())
                    .json(PromotedResponse.fromDomain(promoted));
            case PromotePipelineUseCase.AwaitingApproval waiting -> accepted(ctx, waiting.request());
            case PromotePipelineUseCase.Refused refused -> throw ErrorMapping.invalidPipeline(
                    "The version does not pass the checks of the target environment; nothing was created.", refused.problems());
        }
    }

    /** Answers 202 with a request that now waits for another admin (deploys and promotions alike). */
    public void accepted(Context ctx, ApprovalRequest request) throws DomainFailure {
        ctx.status(202).header("Location", "/api/environments/" + request.environment() + "/approvals/" + request.id())
                .json(ApprovalResponse.fromDomain(useCases.approvals().approval(request.environment(), request.id())));
    }

    private PromotePipelineCommand command(Context ctx) {
        PipelineId pipeline = PathParams.pipelineId(ctx);
        int version = PipelineController.number(ctx, ctx.pathParam("number"), "number");
        ObjectNode body = ctx.contentLength() == 0 ? JsonNodeFactory.instance.objectNode() : bodies.readObject(ctx);
        JsonFields fields = new JsonFields(body, PROMOTE_FIELDS);
        Optional<EnvironmentId> target = fields.convert(fields.requiredText("targetEnvironmentId"),
                text -> EnvironmentId.parse("targetEnvironmentId", text));
        List<ValueMapping> values = new ArrayList<>();
        fields.optionalObjectList("values", VALUE_FIELDS, ValueMapping.MAX_MAPPINGS).ifPresent(items -> {
            for (JsonFields item : items) {
                Optional<ComponentKey> component = item.convert(item.requiredText("component"), text -> {
                    try {
                        return new ComponentKey(text);
                    } catch (InvalidValueException e) {
                        throw new InvalidValueException("component", e.problem());
                    }
                });
                Optional<String> option = item.requiredText("option");
                Optional<Object> value = item.convert(item.optionalNode("value").or(() -> {
                    item.problem("value", "is required");
                    return Optional.empty();
                }), PromotionController::scalar);
                if (component.isPresent() && option.isPresent() && value.isPresent()) {
                    item.convert(option, o -> new ValueMapping(component.get(), o, value.get())).ifPresent(values::add);
                }
            }
        });
        Optional<NodeSelector> deploy = Optional.empty();
        if (fields.optionalNode("deploy").isPresent()) {
            deploy = fields.requiredObject("deploy", Set.of("selector"))
                    .flatMap(d -> d.convert(d.optionalStringMap("selector"), NodeSelector::of));
        }
        Optional<String> note = fields.convert(fields.optionalText("note", ""), text -> PlainText.optionalLine("note", text, NOTE_MAX_LENGTH));
        fields.throwIfInvalid();
        return new PromotePipelineCommand(Caller.of(ctx).actor(), pipeline, version, target.orElseThrow(), values, deploy, note.orElse(""));
    }

    private static Object scalar(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        throw new InvalidValueException("value", "must be text, a number or true/false");
    }

    private void list(Context ctx) throws DomainFailure {
        Optional<ApprovalState> state = Optional.ofNullable(ctx.queryParam("state")).filter(s -> !s.isBlank()).map(PromotionController::state);
        int limit = limit(ctx.queryParam("limit"));
        ctx.json(new ApprovalPage(useCases.approvals().approvals(PathParams.environmentId(ctx), state, limit).stream()
                .map(ApprovalResponse::fromDomain).toList()));
    }

    private static ApprovalState state(String text) {
        try {
            return ApprovalState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("state must be one of pending, approved, rejected, expired but was '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'.");
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return ApprovalQueries.MAX_LIST;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= ApprovalQueries.MAX_LIST) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + ApprovalQueries.MAX_LIST + ".");
    }

    private void get(Context ctx) throws DomainFailure {
        ctx.json(ApprovalResponse.fromDomain(useCases.approvals().approval(PathParams.environmentId(ctx), approvalId(ctx))));
    }

    private void approve(Context ctx) throws DomainFailure {
        EnvironmentId environment = PathParams.environmentId(ctx);
        ApprovalRequest approved = useCases.decide().approve(Caller.of(ctx).actor(), environment, approvalId(ctx));
        ctx.json(ApprovalResponse.fromDomain(useCases.approvals().approval(environment, approved.id())));
    }

    private void reject(Context ctx) throws DomainFailure {
        EnvironmentId environment = PathParams.environmentId(ctx);
        ObjectNode body = ctx.contentLength() == 0 ? JsonNodeFactory.instance.objectNode() : bodies.readObject(ctx);
        JsonFields fields = new JsonFields(body, Set.of("reason"));
        Optional<String> reason = fields.convert(fields.optionalText("reason", ""), ApprovalRequest::checkReason);
        fields.throwIfInvalid();
        ApprovalRequest rejected = useCases.decide().reject(Caller.of(ctx).actor(), environment, approvalId(ctx), reason.orElse(""));
        ctx.json(ApprovalResponse.fromDomain(useCases.approvals().approval(environment, rejected.id())));
    }

    // a malformed id names no request: answer like an unknown one
    private static ApprovalRequestId approvalId(Context ctx) {
        String raw = ctx.pathParam("approvalId");
        try {
            return ApprovalRequestId.parse("approvalId", raw);
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("Approval request " + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + " does not exist");
        }
    }
}
