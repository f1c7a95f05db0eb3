package dev.vectorflow.adapter.http.enrollment;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.lenient;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.enrollment.EnrollmentTokenResponses.EnrollmentTokenResponse;
import dev.vectorflow.adapter.http.node.NodeApiDocs;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;

/** The enrollment routes (enrollment tokens, and the agent's enrollment) in the OpenAPI document. */
public final class EnrollmentApiDocs {

    private EnrollmentApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Enrollment");
        docs.get("/api/environments/{id}/enrollment-tokens", "The enrollment tokens of an environment (never their text), with their state")
                .ok(array(of(EnrollmentTokenResponse.class)));
        docs.post("/api/environments/{id}/enrollment-tokens", "Create an enrollment token; its text is in this answer only")
                .description("An agent enrolls into the environment with the token (POST /api/agent/enroll) until it expires or is used up;"
                        + " the token's labels are given to every node it enrolls.")
                .body(object().optional("name", string(EnrollmentTokenController.MAX_NAME_LENGTH))
                        .optional("expiresInHours", integer(1, EnrollmentTokenController.MAX_EXPIRES_IN_HOURS).describedAs("default 24"))
                        .optional("maxUses", integer(1, EnrollmentToken.MAX_USES_LIMIT).describedAs("default 1"))
                        .optional("labels", NodeApiDocs.labels()))
                .created(of(EnrollmentTokenResponse.class));
        docs.delete("/api/environments/{id}/enrollment-tokens/{tokenId}", "Revoke an enrollment token (nodes it enrolled stay)").noContent();

        docs.tag("Agent protocol");
        docs.post("/api/agent/enroll", "Enroll a node with an enrollment token; answers the node's id and its node token")
                .description("Called by the agent without credentials. An unknown, expired, revoked or used-up token gets 401 and creates"
                        + " nothing; too many enrollments from one address get 429 with Retry-After. token (also taken as enrollmentToken)"
                        + " and hostname (one line, at most 253 characters) are required. Unknown fields are ignored.")
                .body(lenient(EnrollRequest.class, "hostname"))
                .ok(of(EnrollResponse.class));
    }
}
