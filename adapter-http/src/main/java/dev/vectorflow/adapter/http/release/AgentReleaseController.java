package dev.vectorflow.adapter.http.release;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.ports.in.release.AgentReleaseQueries;
import dev.vectorflow.ports.in.release.RegisterAgentReleaseCommand;
import dev.vectorflow.ports.in.release.RegisterAgentReleaseUseCase;
import dev.vectorflow.ports.in.release.UpdateEnvironmentAgentsCommand;
import dev.vectorflow.ports.in.release.UpdateEnvironmentAgentsUseCase;
import dev.vectorflow.ports.in.release.UpdateNodeAgentCommand;
import dev.vectorflow.ports.in.release.UpdateNodeAgentUseCase;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.VersionChange;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Agent releases (platform admins register them) and agent updates of nodes (team admins), and a node's agent version history. */
public final class AgentReleaseController {

    private final RegisterAgentReleaseUseCase register;
    private final UpdateNodeAgentUseCase updateNode;
    private final UpdateEnvironmentAgentsUseCase updateEnvironment;
    private final AgentReleaseQueries queries;
    private final Access.TeamLocator environmentTeam;
    private final Access.TeamLocator nodeTeam;
    private final JsonBodyReader bodies;
    private final Clock clock;

    public AgentReleaseController(RegisterAgentReleaseUseCase register, UpdateNodeAgentUseCase updateNode,
                                  UpdateEnvironmentAgentsUseCase updateEnvironment, AgentReleaseQueries queries,
                                  Access.TeamLocator environmentTeam, Access.TeamLocator nodeTeam, JsonBodyReader bodies, Clock clock) {
        this.register = register;
        this.updateNode = updateNode;
        this.updateEnvironment = updateEnvironment;
        this.queries = queries;
        this.environmentTeam = environmentTeam;
        this.nodeTeam = nodeTeam;
        this.bodies = bodies;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/agent-releases", Access.signedIn(), this::listReleases);
        routes.post("/api/agent-releases", Access.platformAdmin(), this::registerRelease);
        routes.post("/api/nodes/{nodeId}/update", Access.team(Role.ADMIN, nodeTeam), this::updateNode);
        routes.post("/api/environments/{id}/nodes/update", Access.team(Role.ADMIN, environmentTeam), this::updateNodes);
        routes.get("/api/nodes/{nodeId}/agent-versions", Access.team(Role.VIEWER, nodeTeam), this::agentVersions);
    }

    record ReleaseResponse(String version, String downloadUrl, String checksum, String signature, String notes, Instant createdAt,
                                   String createdBy) {
        static ReleaseResponse fromDomain(AgentRelease r) {
            return new ReleaseResponse(r.version(), r.downloadUrl(), r.checksum(), r.signature(), r.notes(), r.createdAt(), r.createdBy());
        }
    }

    record VersionChangeResponse(String version, String previousVersion, Instant at) {
        static VersionChangeResponse fromDomain(VersionChange c) {
            return new VersionChangeResponse(c.version(), c.previousVersion().orElse(null), c.at());
        }
    }

    private void listReleases(Context ctx) {
        ctx.json(queries.agentReleases().stream().map(ReleaseResponse::fromDomain).toList());
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
        AgentRelease registered = register.registerAgentRelease(new RegisterAgentReleaseCommand(Caller.of(ctx).actor(), release));
        ctx.status(201).json(ReleaseResponse.fromDomain(registered));
    }

    private void updateNode(Context ctx) throws NotFoundFailure {
        NodeId id = PathParams.nodeId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("version"));
        Optional<String> version = body.requiredText("version");
        body.throwIfInvalid();
        String action = updateNode.updateNodeAgent(new UpdateNodeAgentCommand(Caller.of(ctx).actor(), id, version.get()));
        ctx.status(202).json(Map.of("actionId", action));
    }

    private void updateNodes(Context ctx) throws NotFoundFailure {
        EnvironmentId environment = PathParams.environmentId(ctx);
        JsonFields body = new JsonFields(bodies.readObject(ctx), Set.of("version", "selector"));
        Optional<String> version = body.requiredText("version");
        Optional<NodeSelector> selector = body.convert(body.optionalStringMap("selector"), NodeSelector::of);
        body.throwIfInvalid();
        int count = updateEnvironment.updateEnvironmentAgents(new UpdateEnvironmentAgentsCommand(Caller.of(ctx).actor(), environment,
                selector.orElse(NodeSelector.ALL), version.get()));
        ctx.status(202).json(Map.of("nodes", count));
    }

    private void agentVersions(Context ctx) throws NotFoundFailure {
        ctx.json(queries.agentVersionHistory(PathParams.nodeId(ctx)).stream().map(VersionChangeResponse::fromDomain).toList());
    }
}
