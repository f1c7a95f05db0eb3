package dev.vectorflow.adapter.http.environment;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.identity.IdentityController;
import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.ports.in.identity.TeamQueries;
import java.util.Map;
import java.util.stream.Collectors;
import dev.vectorflow.core.identity.TeamId;
import java.util.Optional;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.environment.CreateEnvironmentUseCase;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentCommand;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentUseCase;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentUseCase;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** REST resource {@code /api/environments}. */
public final class EnvironmentController {

    private final CreateEnvironmentUseCase create;
    private final UpdateEnvironmentUseCase update;
    private final DeleteEnvironmentUseCase delete;
    private final EnvironmentQueries queries;
    private final JsonBodyReader bodies;
    private final TeamQueries teams;

    public EnvironmentController(CreateEnvironmentUseCase create, UpdateEnvironmentUseCase update, DeleteEnvironmentUseCase delete,
                                 EnvironmentQueries queries, TeamQueries teams, JsonBodyReader bodies) {
        this.teams = teams;
        this.create = create;
        this.update = update;
        this.delete = delete;
        this.queries = queries;
        this.bodies = bodies;
    }

    /** Finds the team that owns the environment named by the {@code id} path parameter. */
    public Access.TeamLocator owningTeam() {
        return ctx -> {
            try {
                return queries.owningTeam(EnvironmentId.parse("id", ctx.pathParam("id")));
            } catch (InvalidValueException malformed) {
                return Optional.empty();
            }
        };
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/environments", Access.signedIn(), this::list);
        routes.post("/api/teams/{teamId}/environments", Access.team(Role.ADMIN, IdentityController.teamInPath()), this::create);
        routes.get("/api/environments/{id}", Access.team(Role.VIEWER, owningTeam()), this::get);
        routes.patch("/api/environments/{id}", Access.team(Role.ADMIN, owningTeam()), this::update);
        routes.delete("/api/environments/{id}", Access.team(Role.ADMIN, owningTeam()), this::delete);
    }

    private void list(Context ctx) {
        Principal viewer = Caller.of(ctx).principal();
        Map<TeamId, String> names = teams.listTeams(viewer).stream().collect(Collectors.toMap(Team::id, t -> t.name().value()));
        ctx.json(EnvironmentResponse.Page.fromDomain(queries.listEnvironments(viewer), names::get));
    }

    private void create(Context ctx) throws Exception {
        TeamId team = TeamId.parse("teamId", ctx.pathParam("teamId"));
        Environment created = create.createEnvironment(
                EnvironmentRequests.toCreateCommand(Caller.of(ctx).actor(), team, bodies.readObject(ctx)));
        ctx.status(HttpStatus.CREATED)
                .header("Location", "/api/environments/" + created.id())
                .json(EnvironmentResponse.fromDomain(created, this::teamName));
    }

    private void get(Context ctx) throws Exception {
        ctx.json(EnvironmentResponse.fromDomain(queries.getEnvironment(pathId(ctx)), this::teamName));
    }

    private void update(Context ctx) throws Exception {
        EnvironmentId id = pathId(ctx);
        Environment updated = update.updateEnvironment(EnvironmentRequests.toUpdateCommand(Caller.of(ctx).actor(), id, bodies.readObject(ctx)));
        ctx.json(EnvironmentResponse.fromDomain(updated, this::teamName));
    }

    private void delete(Context ctx) throws Exception {
        delete.deleteEnvironment(new DeleteEnvironmentCommand(Caller.of(ctx).actor(), pathId(ctx)));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private String teamName(TeamId id) {
        try {
            return teams.getTeam(id).name().value();
        } catch (NotFoundFailure gone) {
            return null;
        }
    }

    // a malformed id names no environment: answer like an unknown one
    private static EnvironmentId pathId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return EnvironmentId.parse("id", raw);
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("Environment " + raw + " does not exist");
        }
    }
}
