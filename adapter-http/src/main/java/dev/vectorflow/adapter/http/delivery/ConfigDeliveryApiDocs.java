package dev.vectorflow.adapter.http.delivery;

import static dev.vectorflow.adapter.http.openapi.Schema.lenient;
import static dev.vectorflow.adapter.http.openapi.Schema.of;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.PipelineConfig;

/** The agent's config routes in the OpenAPI document. */
public final class ConfigDeliveryApiDocs {

    private ConfigDeliveryApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Agent protocol");
        docs.post("/api/agent/config", "The config of one pipeline version deployed to this node, with its secrets and certificate files")
                .description("Without a version the deployed one. 404 when the pipeline (version) is not deployed to this node.")
                .body(lenient(ConfigRequest.class, "pipelineId"))
                .ok(of(PipelineConfig.class));
        docs.get("/api/agent/config", "Every pipeline config this node should run (its desired state), with secrets and certificate files")
                .ok(of(DesiredState.class));
    }
}
