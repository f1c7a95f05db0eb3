package dev.vectorflow.adapter.http.deployment;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.number;
import static dev.vectorflow.adapter.http.openapi.Schema.string;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;

import dev.vectorflow.adapter.http.deployment.DeploymentResponses.DeploymentResponse;
import dev.vectorflow.adapter.http.deployment.DeploymentResponses.DeploymentStatusResponse;
import dev.vectorflow.adapter.http.node.NodeApiDocs;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.core.rollout.RolloutPlan;

/** The deployment routes in the OpenAPI document. */
public final class DeploymentApiDocs {

    private DeploymentApiDocs() {
    }

    /** The plan of a staged rollout, as a deploy carries it. */
    static Schema rolloutPlan() {
        Schema wave = object().optional("nodes", integer(1, 100_000).describedAs("this many nodes"))
                .optional("percent", integer(1, 100).describedAs("this share of the targeted nodes, rounded up"))
                .optional("label", string(400).describedAs("the nodes with this key=value label"))
                .optional("rest", bool().describedAs("every node left (last wave only)"))
                .required("soakSeconds", integer(0, RolloutPlan.MAX_SOAK_SECONDS).describedAs("how long the wave runs before its gate"))
                .describedAs("exactly one of nodes, percent, label or rest");
        return object().required("waves", array(wave).describedAs("1 to " + RolloutPlan.MAX_WAVES + " waves in order"))
                .optional("gates", object().optional("errorRateMarginPercent", number())
                        .optional("discardedMarginPercent", number()).optional("minEventsOutFraction", number())
                        .describedAs("rate checks against the previous version (percentage points; a fraction of events out)"))
                .optional("rollbackOnFailure", bool().describedAs("a failed gate puts the previous version back (else it pauses)"))
                .optional("convergeTimeoutSeconds", integer(1, RolloutPlan.MAX_CONVERGE_TIMEOUT_SECONDS)
                        .describedAs("how long a wave's nodes may take to run the new version (default 300)"));
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Deployments");
        docs.get("/api/pipelines/{pipelineId}/deployments", "A pipeline's deployment and how each matching node runs it")
                .ok(of(DeploymentStatusResponse.class));
        docs.post("/api/pipelines/{pipelineId}/deployments", "Deploy a published version to the nodes whose labels match a selector")
                .description("Without a version the latest is deployed; without a selector every node of the environment. A pipeline has one"
                        + " deployment: deploying again replaces it. The agents pick it up with their next heartbeat. 400 when the pipeline"
                        + " has no published version yet, 404 for a version it does not have. The body may be left out. With a"
                        + " `rollout` plan the version reaches the nodes in waves, each soaked and gated on the nodes' health (see"
                        + " /api/rollouts/{rolloutId}); any deploy supersedes a rollout of the pipeline in progress.")
                .optionalBody(object().optional("version", integer(1, Integer.MAX_VALUE))
                        .optional("selector", NodeApiDocs.labels().describedAs("labels a node must all have (empty: every node)"))
                        .optional("rollout", rolloutPlan()))
                .created(of(DeploymentResponse.class))
                .accepted(of(dev.vectorflow.adapter.http.promotion.PromotionResponses.ApprovalResponse.class)
                        .describedAs("the environment requires approval: the deploy waits for another admin of the team (see docs/promotion.md)"));
        docs.delete("/api/pipelines/{pipelineId}/deployments", "Undeploy a pipeline: the agents stop it with their next heartbeat (404 when it is not deployed)")
                .noContent();
    }
}
