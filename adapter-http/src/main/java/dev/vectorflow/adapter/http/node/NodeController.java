package dev.vectorflow.adapter.http.node;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.adapter.http.node.NodeResponses.MatchResponse;
import dev.vectorflow.adapter.http.node.NodeResponses.NodeActionResponse;
import dev.vectorflow.adapter.http.node.NodeResponses.NodeListResponse;
import dev.vectorflow.adapter.http.node.NodeResponses.NodeRef;
import dev.vectorflow.adapter.http.node.NodeResponses.NodeResponse;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.enrollment.IssuedEnrollmentToken;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.node.DeleteNodeCommand;
import dev.vectorflow.ports.in.node.NodeQueries;
import dev.vectorflow.ports.in.node.ReenrollNodeCommand;
import dev.vectorflow.ports.in.node.RequestSampleCommand;
import dev.vectorflow.ports.in.node.RestartPipelineCommand;
import dev.vectorflow.ports.in.node.RevokeNodeTokenCommand;
import dev.vectorflow.ports.in.node.SetNodeLabelsCommand;
import dev.vectorflow.ports.in.node.SetNodeMaintenanceCommand;
import dev.vectorflow.ports.out.node.NodeListing;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Nodes as users see them: an environment's nodes, one node, and what admins and editors do to it (labels, maintenance,
 * token, re-enrollment, deletion, restarts and samples). Viewers read.
 */
public final class NodeController {

    private final NodeUseCases nodes;
    private final NodeQueries queries;
    private final EnvironmentQueries environments;
    private final Access.TeamLocator environmentTeam;
    private final JsonBodyReader bodies;

    public NodeController(NodeUseCases nodes, NodeQueries queries, EnvironmentQueries environments, Access.TeamLocator environmentTeam,
                          JsonBodyReader bodies) {
        this.nodes = nodes;
        this.queries = queries;
        this.environments = environments;
        this.environmentTeam = environmentTeam;
        this.bodies = bodies;
    }

    /** Finds the team owning the node a {@code {nodeId}} route addresses. */
    public Access.TeamLocator nodeTeam() {
        return ctx -> {
            try {
                return queries.environmentOf(PathParams.nodeId(ctx)).flatMap(environments::owningTeam);
            } catch (InvalidValueException malformed) {
                return Optional.<TeamId>empty();
            }
        };
    }

    public void register(ApiRoutes routes) {
        Access.TeamLocator nodeTeam = nodeTeam();
        routes.get("/api/environments/{id}/nodes", Access.team(Role.VIEWER, environmentTeam), this::listNodes);
        routes.get("/api/environments/{id}/nodes/match", Access.team(Role.VIEWER, environmentTeam), this::match);
        routes.get("/api/nodes/{nodeId}", Access.team(Role.VIEWER, nodeTeam), this::node);
        routes.delete("/api/nodes/{nodeId}", Access.team(Role.ADMIN, nodeTeam), this::deleteNode);
        routes.delete("/api/nodes/{nodeId}/token", Access.team(Role.ADMIN, nodeTeam), this::revokeNodeToken);
        routes.post("/api/nodes/{nodeId}/re-enroll", Access.team(Role.ADMIN, nodeTeam), this::reenroll);
        routes.put("/api/nodes/{nodeId}/labels", Access.team(Role.ADMIN, nodeTeam), this::setLabels);
        routes.put("/api/nodes/{nodeId}/maintenance", Access.team(Role.ADMIN, nodeTeam), this::setMaintenance);
        routes.post("/api/nodes/{nodeId}/pipelines/{pipelineId}/restart", Access.team(Role.EDITOR, nodeTeam), this::restart);
        routes.post("/api/nodes/{nodeId}/samples", Access.team(Role.EDITOR, nodeTeam), this::requestSample);
        routes.get("/api/nodes/{nodeId}/actions", Access.team(Role.VIEWER, nodeTeam), this::actions);
    }

    private void listNodes(Context ctx) throws NotFoundFailure {
        NodeListing.Request request = NodeListParams.read(ctx);
        NodeQueries.NodePage page = queries.nodes(PathParams.environmentId(ctx), request);
        ctx.json(new NodeListResponse(page.nodes().stream().map(v -> NodeResponse.fromDomain(v.node(), v.pipelines())).toList(), page.total(),
                page.next().map(after -> NodeListParams.encode(request, after)).orElse(null)));
    }

    private void match(Context ctx) throws NotFoundFailure {
        NodeSelector selector = NodeSelector.parse("selector", ctx.queryParam("selector"));
        NodeListing.Page matched = queries.matching(PathParams.environmentId(ctx), selector, NodeListParams.MATCH_LIMIT);
        ctx.json(new MatchResponse(matched.total(), matched.nodes().stream().map(NodeRef::fromDomain).toList()));
    }

    private void node(Context ctx) throws NotFoundFailure {
        ctx.json(NodeResponse.fromDomain(queries.node(PathParams.nodeId(ctx))));
    }

    private void deleteNode(Context ctx) throws NotFoundFailure {
        nodes.delete().deleteNode(new DeleteNodeCommand(Caller.of(ctx).actor(), PathParams.nodeId(ctx)));
        ctx.status(204);
    }

    private void revokeNodeToken(Context ctx) throws NotFoundFailure {
        nodes.revokeToken().revokeNodeToken(new RevokeNodeTokenCommand(Caller.of(ctx).actor(), PathParams.nodeId(ctx)));
        ctx.status(204);
    }

    private void reenroll(Context ctx) throws NotFoundFailure {
        IssuedEnrollmentToken issued = nodes.reenroll().reenrollNode(new ReenrollNodeCommand(Caller.of(ctx).actor(), PathParams.nodeId(ctx)));
        ctx.status(201).json(Map.of("token", issued.text(), "expiresAt", issued.token().expiresAt()));
    }

    private void setLabels(Context ctx) throws NotFoundFailure {
        NodeId id = PathParams.nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("labels"));
        Optional<Labels> labels = body.convert(body.optionalStringMap("labels"), Labels::of);
        body.throwIfInvalid();
        nodes.setLabels().setNodeLabels(new SetNodeLabelsCommand(Caller.of(ctx).actor(), id, labels.orElse(Labels.NONE)));
        ctx.json(NodeResponse.fromDomain(queries.node(id)));
    }

    private void setMaintenance(Context ctx) throws NotFoundFailure {
        NodeId id = PathParams.nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("enabled"));
        Optional<Boolean> enabled = body.optionalBoolean("enabled");
        if (enabled.isEmpty() && !body.has("enabled")) {
            throw ApiProblem.invalid(List.of(new FieldProblem("enabled", "is required")));
        }
        body.throwIfInvalid();
        nodes.setMaintenance().setNodeMaintenance(new SetNodeMaintenanceCommand(Caller.of(ctx).actor(), id, enabled.get()));
        ctx.json(NodeResponse.fromDomain(queries.node(id)));
    }

    private void restart(Context ctx) throws NotFoundFailure {
        String action = nodes.restartPipeline().restartPipeline(new RestartPipelineCommand(Caller.of(ctx).actor(), PathParams.nodeId(ctx),
                PathParams.pipelineId(ctx)));
        ctx.status(202).json(Map.of("actionId", action));
    }

    private void requestSample(Context ctx) throws NotFoundFailure {
        NodeId id = PathParams.nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("pipelineId", "componentKeys", "limit"));
        Optional<PipelineId> pipeline = body.convert(body.requiredText("pipelineId"), s -> PipelineId.parse("pipelineId", s));
        Optional<List<String>> keys = body.requiredStringList("componentKeys");
        Optional<Integer> limit = body.optionalInt("limit", 1, RequestSampleCommand.MAX_LIMIT);
        body.throwIfInvalid();
        String requestId = nodes.requestSample().requestSample(new RequestSampleCommand(Caller.of(ctx).actor(), id, pipeline.get(), keys.get(),
                limit.orElse(5)));
        ctx.status(202).json(Map.of("requestId", requestId));
    }

    private void actions(Context ctx) throws NotFoundFailure {
        ctx.json(queries.actions(PathParams.nodeId(ctx)).stream().map(NodeActionResponse::fromDomain).toList());
    }
}
