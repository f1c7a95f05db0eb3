package dev.vectorflow.adapter.http.environment;

import static dev.vectorflow.adapter.http.openapi.Schema.items;
import static dev.vectorflow.adapter.http.openapi.Schema.nullable;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentName;

/** The environment routes in the OpenAPI document. */
public final class EnvironmentApiDocs {

    private EnvironmentApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Environments");
        docs.get("/api/environments", "The environments of the caller's teams (all for platform admins)")
                .ok(items(of(EnvironmentResponse.class)));
        docs.post("/api/teams/{teamId}/environments", "Create an environment in a team")
                .body(object().required("name", string(EnvironmentName.MAX_LENGTH)).optional("description", string(Environment.DESCRIPTION_MAX_LENGTH)))
                .created(of(EnvironmentResponse.class));
        docs.get("/api/environments/{id}", "One environment").ok(of(EnvironmentResponse.class));
        docs.patch("/api/environments/{id}", "Rename an environment, change its description or whether it requires approval (absent fields stay, a null description clears it)")
                .description("requiresApproval: deploys and promotions into the environment then wait for another admin of the team"
                        + " (docs/promotion.md).")
                .body(object().optional("name", string(EnvironmentName.MAX_LENGTH)).optional("description", nullable(string(Environment.DESCRIPTION_MAX_LENGTH)))
                        .optional("requiresApproval", dev.vectorflow.adapter.http.openapi.Schema.bool()))
                .ok(of(EnvironmentResponse.class));
        docs.delete("/api/environments/{id}", "Delete an environment (refused while it holds pipelines or secrets)").noContent();
    }
}
