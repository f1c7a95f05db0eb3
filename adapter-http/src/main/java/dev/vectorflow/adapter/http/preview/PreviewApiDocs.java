package dev.vectorflow.adapter.http.preview;

import static dev.vectorflow.adapter.http.openapi.Schema.lenient;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;
import static dev.vectorflow.adapter.http.openapi.Schema.uuid;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.adapter.http.preview.PreviewResponses.PreviewResponse;
import dev.vectorflow.adapter.http.preview.PreviewResponses.StartedPreview;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;

/** The preview routes (users and agents) in the OpenAPI document. */
public final class PreviewApiDocs {

    private PreviewApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Pipelines");
        docs.post("/api/pipelines/{pipelineId}/previews", "Preview what the draft does to real events: run it and the deployed (or a chosen)"
                        + " version side by side on recent sample events, in a real Vector on a node of the environment")
                .description("The node's agent runs both with its next heartbeat; poll GET /api/pipelines/{pipelineId}/previews/{previewId}."
                        + " 409 when the node is not online, nothing is deployed (name a version), or there are no sample events of the"
                        + " pipeline's sources yet (take a sample first). 400 when the draft has errors.")
                .body(object().required("nodeId", uuid().describedAs("a node of the pipeline's environment that is online"))
                        .optional("against", string().describedAs("\"deployed\" (default) or a version number (1 to "
                                + PreviewController.MAX_VERSION + ")")))
                .accepted(of(StartedPreview.class));
        docs.get("/api/pipelines/{pipelineId}/previews/{previewId}", "A preview: PENDING, DONE with the comparison per sink and the sinks each"
                        + " sample event reached, or FAILED with the reason (a node that does not answer within 3 minutes fails it)")
                .ok(of(PreviewResponse.class));
        docs.tag("Agent protocol");
        docs.post("/api/agent/preview", "What a preview action runs: the sample events (NDJSON) and both configs with their secrets")
                .description("404 when this node was not asked for that preview or it is no longer waited for.")
                .body(lenient(PreviewRequest.class, "requestId"))
                .ok(of(PreviewJob.class));
        docs.post("/api/agent/preview-result", "What the two runs of a preview wrote, per sink (NDJSON), or why a run failed")
                .description("At most 100 sinks a run and 100 events a sink are read; texts are cleaned as in heartbeats.")
                .body(lenient(PreviewResult.class, "requestId"))
                .ok(object().required("ok", Schema.bool()));
    }
}
