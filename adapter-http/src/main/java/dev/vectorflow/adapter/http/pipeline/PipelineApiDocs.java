package dev.vectorflow.adapter.http.pipeline;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.items;
import static dev.vectorflow.adapter.http.openapi.Schema.nullable;
import static dev.vectorflow.adapter.http.openapi.Schema.number;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.core.pipeline.Pipeline;
import dev.vectorflow.core.pipeline.PipelineGraph;
import dev.vectorflow.core.pipeline.PipelineName;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.CatalogResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.DiffResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.ImportResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.PipelineResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.ProblemsResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.PublishedResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.SavedDraftResponse;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.VersionResponse;

/** The pipeline routes (pipelines, drafts, validation, rendering, import, versions, diffs, rollback, catalog) in the OpenAPI document. */
public final class PipelineApiDocs {

    private PipelineApiDocs() {
    }

    private static final String BIG_BODY = " The body may be as large as " + PipelineController.MAX_PIPELINE_BODY_BYTES / (1024 * 1024)
            + " MiB (the agent protocol's limit), larger than the rest of the API's.";

    /** A graph as the editor sends it (the answers carry the same shape). */
    static Schema graph() {
        Schema component = object()
                .required("key", string().describedAs("unique in the pipeline; Vector's component id"))
                .required("kind", enumeration("source", "transform", "sink"))
                .required("type", string().describedAs("the Vector component type, e.g. file, remap, console"))
                .optional("options", object().open().describedAs("the component's Vector options, nested as in the config"))
                .optional("displayName", string())
                .optional("position", nullable(object().required("x", number()).required("y", number())))
                .optional("disabled", bool());
        Schema edge = object()
                .required("from", string())
                .optional("output", nullable(string().describedAs("a named output of the component (route, swimlanes)")))
                .required("to", string());
        return object()
                .required("components", array(component).describedAs("at most " + PipelineGraph.MAX_COMPONENTS + " components"))
                .optional("edges", array(edge))
                .optional("globalOptions", nullable(object().open()));
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Pipelines");
        docs.get("/api/catalog", "The component catalog: every Vector source, transform and sink the editor offers, with its options")
                .description("Cached by clients for five minutes (Cache-Control: max-age=300).")
                .ok(of(CatalogResponse.class));
        docs.get("/api/environments/{id}/pipelines", "The pipelines of an environment (without their graphs)")
                .ok(items(of(PipelineResponse.class)));
        docs.post("/api/environments/{id}/pipelines", "Create a pipeline, optionally with a draft graph")
                .description("The name is unique in the environment regardless of case (409 otherwise). A graph with errors is stored as a"
                        + " draft; only publishing checks it." + BIG_BODY)
                .body(object().required("name", string(PipelineName.MAX_LENGTH))
                        .optional("description", string(Pipeline.DESCRIPTION_MAX_LENGTH))
                        .optional("graph", graph()))
                .created(of(PipelineResponse.class));
        docs.post("/api/environments/{id}/pipelines/import", "Import a Vector config file (YAML, TOML or JSON) as a new pipeline")
                .description("The format is guessed when not given. Literal secret values in the file become secrets of the environment"
                        + " (listed in movedSecrets). A file that cannot be read is refused with 400 (Invalid Pipeline, its problems as"
                        + " fields) and nothing is stored." + BIG_BODY)
                .body(object().required("name", string(PipelineName.MAX_LENGTH))
                        .required("config", string().describedAs("the file's text"))
                        .optional("format", enumeration("yaml", "toml", "json")))
                .created(of(ImportResponse.class));
        docs.get("/api/pipelines/{pipelineId}", "One pipeline with its draft graph").ok(of(PipelineResponse.class));
        docs.patch("/api/pipelines/{pipelineId}", "Rename a pipeline or change its description (absent fields stay)")
                .body(object().optional("name", string(PipelineName.MAX_LENGTH))
                        .optional("description", string(Pipeline.DESCRIPTION_MAX_LENGTH)))
                .ok(of(PipelineResponse.class));
        docs.delete("/api/pipelines/{pipelineId}", "Delete a pipeline with its versions and its deployment (the agents stop it with their next heartbeat)").noContent();
        docs.put("/api/pipelines/{pipelineId}/graph", "Save the draft graph; answers the pipeline and the draft's validation verdict")
                .description("A draft may have errors; it is saved all the same and the problems are in the answer." + BIG_BODY)
                .body(graph())
                .ok(of(SavedDraftResponse.class));
        docs.post("/api/pipelines/{pipelineId}/validate", "Validate the draft: its errors and warnings")
                .ok(of(ProblemsResponse.class));
        docs.get("/api/pipelines/{pipelineId}/config", "The draft rendered as a Vector config file")
                .query("format", enumeration("yaml", "toml", "json"), "the file format (default yaml)")
                .answer(200, "application/yaml", Schema.text(), "The config as YAML")
                .answer(200, "application/toml", Schema.text(), "The config as TOML (format=toml)")
                .answer(200, "application/json", object().open(), "The config as JSON (format=json)");
        docs.post("/api/pipelines/{pipelineId}/versions", "Publish the draft as the next version")
                .description("Refused with 400 (Invalid Pipeline, every error as a field) when the draft has errors; nothing is published."
                        + " When a vector binary is at hand it checks the config too (checkedByVector). The body may be left out.")
                .optionalBody(object().optional("message", string(PipelineController.MAX_MESSAGE_LENGTH)))
                .created(of(PublishedResponse.class));
        docs.get("/api/pipelines/{pipelineId}/versions", "The published versions of a pipeline, newest first (without their YAML and graph)")
                .ok(items(of(VersionResponse.class)));
        docs.get("/api/pipelines/{pipelineId}/versions/{number}", "One published version with its YAML and graph")
                .ok(of(VersionResponse.class));
        docs.post("/api/pipelines/{pipelineId}/versions/{number}/rollback", "Publish an earlier version again as the next version")
                .description("The new version records restoredFrom. The draft is left as it is. The body may be left out.")
                .optionalBody(object().optional("message", string(PipelineController.MAX_MESSAGE_LENGTH)))
                .created(of(PublishedResponse.class));
        docs.post("/api/pipelines/{pipelineId}/draft/reset", "Replace the draft with the graph of a published version")
                .requiredQuery("version", integer(1, Integer.MAX_VALUE), "the version whose graph becomes the draft")
                .ok(of(PipelineResponse.class));
        docs.get("/api/pipelines/{pipelineId}/diff", "Compare two published versions: component by component and as a unified diff of their YAML")
                .requiredQuery("from", integer(1, Integer.MAX_VALUE), "the older version")
                .requiredQuery("to", integer(1, Integer.MAX_VALUE), "the newer version")
                .ok(of(DiffResponse.class));
    }
}
