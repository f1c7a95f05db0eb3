package dev.vectorflow.adapter.http.deployment;

import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;

import dev.vectorflow.adapter.http.deployment.DeploymentResponses.DeploymentResponse;
import dev.vectorflow.adapter.http.deployment.DeploymentResponses.DeploymentStatusResponse;
import dev.vectorflow.adapter.http.node.NodeApiDocs;
import dev.vectorflow.adapter.http.openapi.ApiDocs;

/** The deployment routes in the OpenAPI document. */
public final class DeploymentApiDocs {

    private DeploymentApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Deployments");
        docs.get("/api/pipelines/{pipelineId}/deployments", "A pipeline's deployment and how each matching node runs it")
                .ok(of(DeploymentStatusResponse.class));
        docs.post("/api/pipelines/{pipelineId}/deployments", "Deploy a published version to the nodes whose labels match a selector")
                .description("Without a version the latest is deployed; without a selector every node of the environment. A pipeline has one"
                        + " deployment: deploying again replaces it. The agents pick it up with their next heartbeat. 400 when the pipeline"
                        + " has no published version yet, 404 for a version it does not have. The body may be left out.")
                .optionalBody(object().optional("version", integer(1, Integer.MAX_VALUE))
                        .optional("selector", NodeApiDocs.labels().describedAs("labels a node must all have (empty: every node)")))
                .created(of(DeploymentResponse.class))
                .accepted(of(dev.vectorflow.adapter.http.promotion.PromotionResponses.ApprovalResponse.class)
                        .describedAs("the environment requires approval: the deploy waits for another admin of the team (see docs/promotion.md)"));
        docs.delete("/api/pipelines/{pipelineId}/deployments", "Undeploy a pipeline: the agents stop it with their next heartbeat (404 when it is not deployed)")
                .noContent();
    }
}
