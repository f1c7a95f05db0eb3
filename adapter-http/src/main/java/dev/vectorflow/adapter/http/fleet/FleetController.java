package dev.vectorflow.adapter.http.fleet;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.adapter.http.fleet.FleetResponses.DeploymentResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.DeploymentStatusResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.EnrollmentTokenResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.HostPoint;
import dev.vectorflow.adapter.http.fleet.FleetResponses.HostSeriesResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.LogLineResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.MatchResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.NodeActionResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.NodeRef;
import dev.vectorflow.adapter.http.fleet.FleetResponses.NodeResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.PipelineMetricsResponse;
import dev.vectorflow.adapter.http.fleet.FleetResponses.SampleStatusResponse;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.fleet.DeployPipelineUseCase;
import dev.vectorflow.ports.in.fleet.FleetQueries;
import dev.vectorflow.ports.in.fleet.ManageAgentReleasesUseCase;
import dev.vectorflow.ports.in.fleet.ManageEnrollmentTokensUseCase;
import dev.vectorflow.ports.in.fleet.ManageNodesUseCase;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fleet as users see it: enrollment tokens and nodes of an environment, one node (labels, maintenance, token,
 * metrics, logs, samples), and the deployments and metrics of a pipeline. Viewers read, editors deploy, admins handle
 * tokens, nodes and maintenance.
 */
public final class FleetController {

    private final ManageEnrollmentTokensUseCase tokens;
    private final ManageNodesUseCase manageNodes;
    private final DeployPipelineUseCase deploy;
    private final FleetQueries queries;
    private final EnvironmentQueries environments;
    private final Access.TeamLocator environmentTeam;
    private final Access.TeamLocator pipelineTeam;
    private final JsonBodyReader bodies;
    private final Clock clock;
    private final ManageAgentReleasesUseCase releases;

    public FleetController(ManageEnrollmentTokensUseCase tokens, ManageNodesUseCase manageNodes, DeployPipelineUseCase deploy,
                           FleetQueries queries, EnvironmentQueries environments, Access.TeamLocator environmentTeam,
                           Access.TeamLocator pipelineTeam, JsonBodyReader bodies, Clock clock, ManageAgentReleasesUseCase releases) {
        this.releases = releases;
        this.tokens = tokens;
        this.manageNodes = manageNodes;
        this.deploy = deploy;
        this.queries = queries;
        this.environments = environments;
        this.environmentTeam = environmentTeam;
        this.pipelineTeam = pipelineTeam;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** Finds the team owning the node a {@code {nodeId}} route addresses. */
    public Access.TeamLocator nodeTeam() {
        return ctx -> {
            try {
                return queries.environmentOf(NodeId.parse("nodeId", ctx.pathParam("nodeId"))).flatMap(environments::owningTeam);
            } catch (InvalidValueException malformed) {
                return Optional.<TeamId>empty();
            }
        };
    }

    public void register(ApiRoutes routes) {
        Access.TeamLocator nodeTeam = nodeTeam();
        routes.get("/api/environments/{id}/enrollment-tokens", Access.team(Role.ADMIN, environmentTeam), this::listTokens);
        routes.post("/api/environments/{id}/enrollment-tokens", Access.team(Role.ADMIN, environmentTeam), this::createToken);
        routes.delete("/api/environments/{id}/enrollment-tokens/{tokenId}", Access.team(Role.ADMIN, environmentTeam), this::revokeToken);
        routes.get("/api/environments/{id}/nodes", Access.team(Role.VIEWER, environmentTeam), this::listNodes);
        routes.get("/api/environments/{id}/nodes/match", Access.team(Role.VIEWER, environmentTeam), this::match);
        routes.get("/api/nodes/{nodeId}", Access.team(Role.VIEWER, nodeTeam), this::node);
        routes.delete("/api/nodes/{nodeId}", Access.team(Role.ADMIN, nodeTeam), this::deleteNode);
        routes.delete("/api/nodes/{nodeId}/token", Access.team(Role.ADMIN, nodeTeam), this::revokeNodeToken);
        routes.post("/api/nodes/{nodeId}/re-enroll", Access.team(Role.ADMIN, nodeTeam), this::reenroll);
        routes.put("/api/nodes/{nodeId}/labels", Access.team(Role.ADMIN, nodeTeam), this::setLabels);
        routes.put("/api/nodes/{nodeId}/maintenance", Access.team(Role.ADMIN, nodeTeam), this::setMaintenance);
        routes.post("/api/nodes/{nodeId}/pipelines/{pipelineId}/restart", Access.team(Role.EDITOR, nodeTeam), this::restart);
        routes.get("/api/nodes/{nodeId}/metrics", Access.team(Role.VIEWER, nodeTeam), this::nodeMetrics);
        routes.get("/api/nodes/{nodeId}/logs", Access.team(Role.VIEWER, nodeTeam), this::logs);
        routes.post("/api/nodes/{nodeId}/samples", Access.team(Role.EDITOR, nodeTeam), this::requestSample);
        routes.get("/api/nodes/{nodeId}/samples/{requestId}", Access.team(Role.EDITOR, nodeTeam), this::sample);
        routes.get("/api/nodes/{nodeId}/actions", Access.team(Role.VIEWER, nodeTeam), this::actions);
        routes.get("/api/pipelines/{pipelineId}/deployments", Access.team(Role.VIEWER, pipelineTeam), this::deployments);
        routes.post("/api/pipelines/{pipelineId}/deployments", Access.team(Role.EDITOR, pipelineTeam), this::deploy);
        routes.delete("/api/pipelines/{pipelineId}/deployments", Access.team(Role.EDITOR, pipelineTeam), this::undeploy);
        routes.get("/api/pipelines/{pipelineId}/metrics", Access.team(Role.VIEWER, pipelineTeam), this::pipelineMetrics);
        routes.get("/api/agent-releases", Access.signedIn(), this::listReleases);
        routes.post("/api/agent-releases", Access.platformAdmin(), this::registerRelease);
        routes.post("/api/nodes/{nodeId}/update", Access.team(Role.ADMIN, nodeTeam), this::updateNode);
        routes.post("/api/environments/{id}/nodes/update", Access.team(Role.ADMIN, environmentTeam), this::updateNodes);
    }

    // ---- agent releases ----

    private record ReleaseResponse(String version, String downloadUrl, String checksum, String signature, String notes, Instant createdAt,
                                   String createdBy) {
        static ReleaseResponse fromDomain(AgentRelease r) {
            return new ReleaseResponse(r.version(), r.downloadUrl(), r.checksum(), r.signature(), r.notes(), r.createdAt(), r.createdBy());
        }
    }

    private void listReleases(Context ctx) {
        ctx.json(releases.releases().stream().map(ReleaseResponse::fromDomain).toList());
    }

    private void registerRelease(Context ctx) throws ConflictFailure {
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("version", "downloadUrl", "checksum", "signature", "notes"));
        Optional<String> version = body.requiredText("version");
        Optional<String> url = body.requiredText("downloadUrl");
        Optional<String> checksum = body.requiredText("checksum");
        Optional<String> signature = body.requiredText("signature");
        Optional<String> notes = body.optionalText("notes", "");
        body.throwIfInvalid();
        AgentRelease release = new AgentRelease(version.get(), url.get(), checksum.get(), signature.get(), notes.orElse(""), clock.instant(), "");
        ctx.status(201).json(ReleaseResponse.fromDomain(releases.register(Caller.of(ctx).actor(), release)));
    }

    private void updateNode(Context ctx) throws NotFoundFailure {
        NodeId id = nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("version"));
        Optional<String> version = body.requiredText("version");
        body.throwIfInvalid();
        ctx.status(202).json(Map.of("actionId", releases.updateNode(Caller.of(ctx).actor(), id, version.get())));
    }

    private void updateNodes(Context ctx) throws NotFoundFailure {
        EnvironmentId environment = environment(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("version", "selector"));
        Optional<String> version = body.requiredText("version");
        Optional<NodeSelector> selector = body.convert(body.optionalStringMap("selector"), NodeSelector::of);
        body.throwIfInvalid();
        ctx.status(202).json(Map.of("nodes", releases.updateNodes(Caller.of(ctx).actor(), environment, selector.orElse(NodeSelector.ALL),
                version.get())));
    }

    private static EnvironmentId environment(Context ctx) {
        return EnvironmentId.parse("id", ctx.pathParam("id"));
    }

    private static NodeId nodeId(Context ctx) {
        return NodeId.parse("nodeId", ctx.pathParam("nodeId"));
    }

    private static PipelineId pipelineId(Context ctx) {
        return PipelineId.parse("pipelineId", ctx.pathParam("pipelineId"));
    }

    // ---- enrollment tokens ----

    private void listTokens(Context ctx) throws NotFoundFailure {
        Instant now = clock.instant();
        ctx.json(queries.enrollmentTokens(environment(ctx)).stream().map(t -> EnrollmentTokenResponse.fromDomain(t, null, now)).toList());
    }

    private void createToken(Context ctx) throws NotFoundFailure {
        EnvironmentId environment = environment(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("name", "expiresInHours", "maxUses", "labels"));
        Optional<String> name = body.optionalText("name", "");
        Optional<Integer> hours = body.optionalInt("expiresInHours", 1, 24 * 365);
        Optional<Integer> maxUses = body.optionalInt("maxUses", 1, dev.vectorflow.core.fleet.EnrollmentToken.MAX_USES_LIMIT);
        Optional<Labels> labels = body.convert(body.optionalStringMap("labels"), Labels::of);
        body.convert(name, n -> dev.vectorflow.core.validation.PlainText.optionalLine("name", n, 100));
        body.throwIfInvalid();
        var issued = tokens.create(Caller.of(ctx).actor(), new ManageEnrollmentTokensUseCase.CreateEnrollmentTokenCommand(environment,
                name.orElse(""), Duration.ofHours(hours.orElse(24)), maxUses.orElse(1), labels.orElse(Labels.NONE)));
        ctx.status(201).json(EnrollmentTokenResponse.fromDomain(issued.token(), issued.text(), clock.instant()));
    }

    private void revokeToken(Context ctx) throws NotFoundFailure {
        tokens.revoke(Caller.of(ctx).actor(), environment(ctx), EnrollmentTokenId.parse("tokenId", ctx.pathParam("tokenId")));
        ctx.status(204);
    }

    // ---- nodes ----

    private void listNodes(Context ctx) throws NotFoundFailure {
        Optional<NodeStatus> status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank()).map(s -> {
            try {
                return NodeStatus.valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("status", "must be HEALTHY, DEGRADED or UNREACHABLE but was '" + s + "'");
            }
        });
        NodeSelector labels = NodeSelector.parse("label", String.join(",", ctx.queryParams("label")));
        Optional<String> search = Optional.ofNullable(ctx.queryParam("search")).map(String::strip).filter(s -> !s.isEmpty());
        ctx.json(queries.nodes(environment(ctx), new FleetQueries.NodeFilter(status, labels, search)).stream()
                .map(v -> NodeResponse.fromDomain(v.node(), v.pipelines())).toList());
    }

    private void match(Context ctx) throws NotFoundFailure {
        NodeSelector selector = NodeSelector.parse("selector", ctx.queryParam("selector"));
        List<Node> nodes = queries.matching(environment(ctx), selector);
        ctx.json(new MatchResponse(nodes.size(), nodes.stream().map(NodeRef::fromDomain).toList()));
    }

    private void node(Context ctx) throws NotFoundFailure {
        ctx.json(NodeResponse.fromDomain(queries.node(nodeId(ctx))));
    }

    private void deleteNode(Context ctx) throws NotFoundFailure {
        manageNodes.delete(Caller.of(ctx).actor(), nodeId(ctx));
        ctx.status(204);
    }

    private void revokeNodeToken(Context ctx) throws NotFoundFailure {
        manageNodes.revokeToken(Caller.of(ctx).actor(), nodeId(ctx));
        ctx.status(204);
    }

    private void reenroll(Context ctx) throws NotFoundFailure {
        var issued = manageNodes.reenroll(Caller.of(ctx).actor(), nodeId(ctx));
        ctx.status(201).json(Map.of("token", issued.text(), "expiresAt", issued.token().expiresAt()));
    }

    private void setLabels(Context ctx) throws NotFoundFailure {
        NodeId id = nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("labels"));
        Optional<Labels> labels = body.convert(body.optionalStringMap("labels"), Labels::of);
        body.throwIfInvalid();
        manageNodes.setLabels(Caller.of(ctx).actor(), id, labels.orElse(Labels.NONE));
        ctx.json(NodeResponse.fromDomain(queries.node(id)));
    }

    private void setMaintenance(Context ctx) throws NotFoundFailure {
        NodeId id = nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("enabled"));
        Optional<Boolean> enabled = body.optionalBoolean("enabled");
        if (enabled.isEmpty() && !body.has("enabled")) {
            throw ApiProblem.invalid(List.of(new FieldProblem("enabled", "is required")));
        }
        body.throwIfInvalid();
        manageNodes.setMaintenance(Caller.of(ctx).actor(), id, enabled.get());
        ctx.json(NodeResponse.fromDomain(queries.node(id)));
    }

    private void restart(Context ctx) throws NotFoundFailure {
        String action = manageNodes.restartPipeline(Caller.of(ctx).actor(), nodeId(ctx), pipelineId(ctx));
        ctx.status(202).json(Map.of("actionId", action));
    }

    private record Range(Instant from, Instant to, Duration step) {
    }

    private Range range(Context ctx) {
        Instant to = instant(ctx, "to").orElse(clock.instant());
        Instant from = instant(ctx, "from").orElse(to.minus(Duration.ofHours(1)));
        Duration step;
        String stepText = ctx.queryParam("step");
        if (stepText == null || stepText.isBlank()) {
            long seconds = Math.max(60, Duration.between(from, to).toSeconds() / 120);
            step = Duration.ofSeconds((seconds + 59) / 60 * 60);
        } else {
            try {
                step = Duration.ofSeconds(Long.parseLong(stepText.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidValueException("step", "must be a number of seconds but was '" + stepText + "'");
            }
        }
        return new Range(from.truncatedTo(ChronoUnit.MINUTES), to, step);
    }

    private static Optional<Instant> instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(name, "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z but was '" + text + "'");
        }
    }

    private void nodeMetrics(Context ctx) throws NotFoundFailure {
        Range r = range(ctx);
        ctx.json(new HostSeriesResponse(r.step().toSeconds(),
                queries.nodeMetrics(nodeId(ctx), r.from(), r.to(), r.step()).stream().map(HostPoint::fromDomain).toList()));
    }

    private void logs(Context ctx) throws NotFoundFailure {
        Optional<PipelineId> pipeline = Optional.ofNullable(ctx.queryParam("pipelineId")).filter(s -> !s.isBlank())
                .map(s -> PipelineId.parse("pipelineId", s));
        long after = longParam(ctx, "after", 0);
        int limit = (int) longParam(ctx, "limit", 500);
        ctx.json(queries.logs(nodeId(ctx), pipeline, after, limit).stream().map(LogLineResponse::fromDomain).toList());
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(name, "must be a whole number but was '" + text + "'");
        }
    }

    private void requestSample(Context ctx) throws NotFoundFailure {
        NodeId id = nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("pipelineId", "componentKeys", "limit"));
        Optional<PipelineId> pipeline = body.convert(body.requiredText("pipelineId"), s -> PipelineId.parse("pipelineId", s));
        Optional<List<String>> keys = body.requiredStringList("componentKeys");
        Optional<Integer> limit = body.optionalInt("limit", 1, 100);
        body.throwIfInvalid();
        String requestId = manageNodes.requestSample(Caller.of(ctx).actor(), id, pipeline.get(), keys.get(), limit.orElse(5));
        ctx.status(202).json(Map.of("requestId", requestId));
    }

    private void sample(Context ctx) throws NotFoundFailure {
        ctx.json(SampleStatusResponse.fromDomain(queries.sample(nodeId(ctx), ctx.pathParam("requestId"))));
    }

    private void actions(Context ctx) throws NotFoundFailure {
        ctx.json(queries.actions(nodeId(ctx)).stream().map(NodeActionResponse::fromDomain).toList());
    }

    // ---- deployments ----

    private void deployments(Context ctx) throws NotFoundFailure {
        ctx.json(DeploymentStatusResponse.fromDomain(queries.deploymentStatus(pipelineId(ctx))));
    }

    private void deploy(Context ctx) throws NotFoundFailure {
        PipelineId id = pipelineId(ctx);
        boolean noBody = ctx.contentLength() == 0 || (ctx.contentLength() < 0 && ctx.contentType() == null);
        JsonFields body = new JsonFields(noBody ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : bodies.readObject(ctx), Set.of("version", "selector"));
        Optional<Integer> version = body.optionalInt("version", 1, Integer.MAX_VALUE);
        Optional<NodeSelector> selector = body.convert(body.optionalStringMap("selector"), NodeSelector::of);
        body.throwIfInvalid();
        Deployment deployment = deploy.deploy(Caller.of(ctx).actor(), id, version, selector.orElse(NodeSelector.ALL));
        int matched = queries.matching(deployment.environmentId(), deployment.selector()).size();
        ctx.status(201).json(DeploymentResponse.fromDomain(deployment, matched, queries.environmentVariables(id, deployment.version())));
    }

    private void undeploy(Context ctx) throws NotFoundFailure {
        deploy.undeploy(Caller.of(ctx).actor(), pipelineId(ctx));
        ctx.status(204);
    }

    private void pipelineMetrics(Context ctx) throws NotFoundFailure {
        Range r = range(ctx);
        ctx.json(PipelineMetricsResponse.fromDomain(queries.pipelineMetrics(pipelineId(ctx), r.from(), r.to(), r.step())));
    }
}
