package dev.vectorflow.adapter.http.promotion;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.oneOf;
import static dev.vectorflow.adapter.http.openapi.Schema.string;
import static dev.vectorflow.adapter.http.openapi.Schema.uuid;

import dev.vectorflow.adapter.http.node.NodeApiDocs;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.ApprovalPage;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.ApprovalResponse;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.PreviewResponse;
import dev.vectorflow.adapter.http.promotion.PromotionResponses.PromotedResponse;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ValueMapping;
import dev.vectorflow.ports.in.promotion.ApprovalQueries;

/** The promotion and approval routes in the OpenAPI document. */
public final class PromotionApiDocs {

    private PromotionApiDocs() {
    }

    private static Schema promoteBody() {
        return object().required("targetEnvironmentId", uuid())
                .optional("values", array(object().required("component", string(64)).required("option", string(ValueMapping.MAX_OPTION_LENGTH))
                        .required("value", oneOf(string(ValueMapping.MAX_TEXT_LENGTH), Schema.number(), Schema.bool())))
                        .describedAs("environment-specific values (at most " + ValueMapping.MAX_MAPPINGS + "): the option of the component"
                                + " becomes the value in the target"))
                .optional("deploy", object().optional("selector", NodeApiDocs.labels())
                        .describedAs("deploy the promoted version in the target right away, to the nodes the selector matches"))
                .optional("note", string(PromotionController.NOTE_MAX_LENGTH));
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Promotion and approvals");
        docs.post("/api/pipelines/{pipelineId}/versions/{number}/promote/preview",
                        "What promoting a version into another environment would do, changing nothing")
                .description("The secrets and certificates the target lacks (each blocks the promotion), the component diff against the"
                        + " target pipeline's latest version, the environment-specific values replaced, and whether the target requires"
                        + " approval. 400 naming every problem: a target the caller cannot write (EDITOR of its team), the source's own"
                        + " environment, mappings that do not apply.")
                .body(promoteBody())
                .ok(of(PreviewResponse.class));
        docs.post("/api/pipelines/{pipelineId}/versions/{number}/promote", "Promote a version into another environment")
                .description("The version's graph, with the values mapped, becomes the next version (and the draft) of the pipeline of the"
                        + " same name in the target, created when missing; the message says where it came from. 400 naming every missing"
                        + " secret and certificate (and every other problem), nothing created. When the target requires approval: 202 with"
                        + " the approval request.")
                .body(promoteBody())
                .created(of(PromotedResponse.class))
                .accepted(of(ApprovalResponse.class));
        docs.get("/api/environments/{id}/approvals", "The environment's approval requests, newest first, each with its diff")
                .query("state", enumeration("pending", "approved", "rejected", "expired"), "only requests in this state")
                .query("limit", integer(1, ApprovalQueries.MAX_LIST), "at most this many (default and cap " + ApprovalQueries.MAX_LIST + ")")
                .ok(of(ApprovalPage.class));
        docs.get("/api/environments/{id}/approvals/{approvalId}", "One approval request with its diff").ok(of(ApprovalResponse.class));
        docs.post("/api/environments/{id}/approvals/{approvalId}/approve", "Approve a pending request: the held deploy or promotion is carried out")
                .description("Only an admin of the team who did not ask (403 otherwise); 409 when it is no longer pending (decided or"
                        + " expired). When carrying it out fails the request stays pending.")
                .ok(of(ApprovalResponse.class));
        docs.post("/api/environments/{id}/approvals/{approvalId}/reject", "Reject a pending request: nothing is carried out")
                .optionalBody(object().optional("reason", string(ApprovalRequest.REASON_MAX_LENGTH)))
                .ok(of(ApprovalResponse.class));
    }
}
