package dev.vectorflow.adapter.http.deployment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.deployment.DeploymentResponses.DeploymentResponse;
import dev.vectorflow.adapter.http.deployment.DeploymentResponses.DeploymentStatusResponse;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.adapter.http.params.PathParams;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.ports.in.promotion.SubmitDeploymentUseCase;
import dev.vectorflow.core.fleet.Deployment;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.rollout.RolloutId;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.DeployPipelineUseCase;
import dev.vectorflow.ports.in.deployment.DeployedPipeline;
import dev.vectorflow.ports.in.deployment.DeploymentQueries;
import dev.vectorflow.ports.in.deployment.UndeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.UndeployPipelineUseCase;
import dev.vectorflow.ports.in.node.NodeQueries;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/** A pipeline's deployment: where it runs and how each node is doing (viewers), deploy and undeploy (editors). */
public final class DeploymentController {

    private final DeployPipelineUseCase deploy;
    private final UndeployPipelineUseCase undeploy;
    private final DeploymentQueries queries;
    private final NodeQueries nodes;
    private final Access.TeamLocator pipelineTeam;
    private final JsonBodyReader bodies;
    private final SubmitDeploymentUseCase submit;
    private final HeldAnswer held;

    /** Answers a deploy that waits for approval (202 with the request). */
    @FunctionalInterface
    public interface HeldAnswer {
        void answer(Context ctx, ApprovalRequest request) throws DomainFailure;
    }

    public DeploymentController(DeployPipelineUseCase deploy, UndeployPipelineUseCase undeploy, DeploymentQueries queries, NodeQueries nodes,
                                Access.TeamLocator pipelineTeam, JsonBodyReader bodies, SubmitDeploymentUseCase submit,
                                HeldAnswer held) {
        this.submit = submit;
        this.held = held;
        this.deploy = deploy;
        this.undeploy = undeploy;
        this.queries = queries;
        this.nodes = nodes;
        this.pipelineTeam = pipelineTeam;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/pipelines/{pipelineId}/deployments", Access.team(Role.VIEWER, pipelineTeam), this::deployments);
        routes.post("/api/pipelines/{pipelineId}/deployments", Access.team(Role.EDITOR, pipelineTeam), this::deploy);
        routes.delete("/api/pipelines/{pipelineId}/deployments", Access.team(Role.EDITOR, pipelineTeam), this::undeploy);
    }

    private void deployments(Context ctx) throws NotFoundFailure {
        ctx.json(DeploymentStatusResponse.fromDomain(queries.deploymentStatus(PathParams.pipelineId(ctx))));
    }

    private void deploy(Context ctx) throws DomainFailure {
        PipelineId id = PathParams.pipelineId(ctx);
        boolean noBody = ctx.contentLength() == 0 || (ctx.contentLength() < 0 && ctx.contentType() == null);
        JsonFields body = new JsonFields(noBody ? JsonNodeFactory.instance.objectNode() : bodies.readObject(ctx), Set.of("version", "selector", "rollout"));
        Optional<Integer> version = body.optionalInt("version", 1, Integer.MAX_VALUE);
        Optional<NodeSelector> selector = body.convert(body.optionalStringMap("selector"), NodeSelector::of);
        Optional<RolloutPlan> plan = RolloutBodies.plan(body);
        body.throwIfInvalid();
        // an environment that requires approval holds the deploy: 202 with the request instead of 201
        SubmitDeploymentUseCase.Submitted submitted = submit.submitDeployment(new DeployPipelineCommand(Caller.of(ctx).actor(), id, version,
                selector.orElse(NodeSelector.ALL), plan));
        if (submitted instanceof SubmitDeploymentUseCase.AwaitingApproval waiting) {
            held.answer(ctx, waiting.request());
            return;
        }
        DeployedPipeline deployed = ((SubmitDeploymentUseCase.Deployed) submitted).deployed();
        Deployment deployment = deployed.deployment();
        int matched = Math.toIntExact(nodes.matching(deployment.environmentId(), deployment.selector(), 1).total());
        String rolloutId = deployed.rollout().map(RolloutId::toString).orElse(null);
        ctx.status(201).json(DeploymentResponse.fromDomain(deployment, matched, queries.environmentVariables(id, deployment.version()), rolloutId));
    }

    private void undeploy(Context ctx) throws NotFoundFailure {
        undeploy.undeployPipeline(new UndeployPipelineCommand(Caller.of(ctx).actor(), PathParams.pipelineId(ctx)));
        ctx.status(204);
    }
}
