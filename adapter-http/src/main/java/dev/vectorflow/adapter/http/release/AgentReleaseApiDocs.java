package dev.vectorflow.adapter.http.release;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.node.NodeApiDocs;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.release.AgentReleaseController.ReleaseResponse;
import dev.vectorflow.adapter.http.release.AgentReleaseController.VersionChangeResponse;
import dev.vectorflow.core.fleet.AgentRelease;

/** The agent release and agent update routes in the OpenAPI document. */
public final class AgentReleaseApiDocs {

    private AgentReleaseApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Agent releases");
        docs.get("/api/agent-releases", "The registered agent releases, newest first").ok(array(of(ReleaseResponse.class)));
        docs.post("/api/agent-releases", "Register an agent release (its signed jar is hosted elsewhere; `vectorflow release sign` writes the values)")
                .description("409 when the version is registered already. Agents check the checksum and the ed25519 signature against the"
                        + " release key they trust before they run an update.")
                .body(object()
                        .required("version", string(50).describedAs("1-50 letters, digits, '.', '+', '_', '-'"))
                        .required("downloadUrl", string("uri").describedAs("where agents download the jar (http or https)"))
                        .required("checksum", string().describedAs("sha256:<64 lower-case hex digits>"))
                        .required("signature", string().describedAs("the base64 of the 64-byte ed25519 signature of the jar"))
                        .optional("notes", string(AgentRelease.NOTES_MAX_LENGTH)))
                .created(of(ReleaseResponse.class));
        docs.post("/api/nodes/{nodeId}/update", "Ask a node's agent to update itself to a registered release (with its next heartbeat)")
                .body(object().required("version", string(50)))
                .accepted(object().required("actionId", string()));
        docs.post("/api/environments/{id}/nodes/update", "Ask the agents of an environment's nodes (those a selector matches) to update to a release")
                .body(object().required("version", string(50))
                        .optional("selector", NodeApiDocs.labels().describedAs("labels a node must all have (absent: every node)")))
                .accepted(object().required("nodes", integer().describedAs("how many nodes were asked")));
        docs.get("/api/nodes/{nodeId}/agent-versions", "The agent versions a node has run, newest first")
                .ok(array(of(VersionChangeResponse.class)));
    }
}
