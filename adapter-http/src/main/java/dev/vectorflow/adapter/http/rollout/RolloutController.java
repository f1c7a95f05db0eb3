package dev.vectorflow.adapter.http.rollout;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.adapter.http.rollout.RolloutResponses.RolloutDetailResponse;
import dev.vectorflow.adapter.http.rollout.RolloutResponses.RolloutListResponse;
import dev.vectorflow.adapter.http.rollout.RolloutResponses.RolloutSummaryResponse;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.rollout.ControlRolloutUseCase;
import dev.vectorflow.ports.in.rollout.ControlRolloutUseCase.Action;
import dev.vectorflow.ports.in.rollout.RolloutQueries;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;

/** Staged rollouts: a pipeline's (viewers), one in detail (viewers), pause, resume, abort and skip (editors of the pipeline's team). */
public final class RolloutController {

    private final RolloutQueries queries;
    private final ControlRolloutUseCase control;
    private final Access.TeamLocator pipelineTeam;
    private final Function<PipelineId, Optional<TeamId>> teamOfPipeline;

    public RolloutController(RolloutQueries queries, ControlRolloutUseCase control, Access.TeamLocator pipelineTeam,
                             Function<PipelineId, Optional<TeamId>> teamOfPipeline) {
        this.queries = queries;
        this.control = control;
        this.pipelineTeam = pipelineTeam;
        this.teamOfPipeline = teamOfPipeline;
    }

    /** The team owning the pipeline of the rollout in the path. */
    Access.TeamLocator rolloutTeam() {
        return ctx -> {
            try {
                return queries.pipelineOf(RolloutId.parse("rolloutId", ctx.pathParam("rolloutId"))).flatMap(teamOfPipeline);
            } catch (InvalidValueException malformed) {
                return Optional.empty();
            }
        };
    }

    public void register(ApiRoutes routes) {
        Access.TeamLocator rolloutTeam = rolloutTeam();
        routes.get("/api/pipelines/{pipelineId}/rollouts", Access.team(Role.VIEWER, pipelineTeam), this::list);
        routes.get("/api/rollouts/{rolloutId}", Access.team(Role.VIEWER, rolloutTeam), this::get);
        for (Action action : Action.values()) {
            String verb = action.name().toLowerCase(java.util.Locale.ROOT);
            routes.post("/api/rollouts/{rolloutId}/" + verb, Access.team(Role.EDITOR, rolloutTeam), ctx -> control(ctx, action));
        }
    }

    private void list(Context ctx) throws NotFoundFailure {
        ctx.json(new RolloutListResponse(queries.rollouts(PathParams.pipelineId(ctx)).stream().map(RolloutSummaryResponse::fromDomain).toList()));
    }

    private void get(Context ctx) throws NotFoundFailure {
        ctx.json(RolloutDetailResponse.fromDomain(queries.rollout(rolloutId(ctx))));
    }

    private void control(Context ctx, Action action) throws DomainFailure {
        ctx.json(RolloutSummaryResponse.fromDomain(control.control(new ControlRolloutUseCase.ControlRolloutCommand(Caller.of(ctx).actor(),
                rolloutId(ctx), action))));
    }

    private static RolloutId rolloutId(Context ctx) {
        return RolloutId.parse("rolloutId", ctx.pathParam("rolloutId"));
    }
}
