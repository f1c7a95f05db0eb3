package dev.vectorflow.adapter.http.heartbeat;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.lenient;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.oneOf;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.protocol.SampleResult;

/** The agent's heartbeat, log and sample routes in the OpenAPI document. */
public final class HeartbeatApiDocs {

    private HeartbeatApiDocs() {
    }

    /** The answer of a heartbeat (and of the log and sample calls): what the agent has to do, and what of its body was left out. */
    public static Schema answer() {
        return object()
                .required("ok", bool())
                .required("pollIntervalMs", integer().describedAs("when to call again"))
                .required("pendingActions", array(of(PendingAction.class)).describedAs("deploy, undeploy, restart, update and sample"
                        + " actions; the same target keeps its id until the agent reports it done"))
                .optional("rejected", array(string()).describedAs("only when something was left out: what and why (at most 50 entries"
                        + " and one saying how many more)"));
    }

    private static final String AGENT = " Values that break the protocol's rules are left out one by one and listed in rejected; the rest"
            + " is kept. Unknown fields are ignored. 401 without a valid node token, 429 (Retry-After) when a node calls too often, 503"
            + " (Retry-After) when the server is catching up with its writes or cannot reach its database.";

    public static void describe(ApiDocs docs) {
        docs.tag("Agent protocol");
        docs.post("/api/agent/heartbeat", "The agent's periodic call: its state, pipelines, metrics, logs and action results in, pending actions out")
                .description("Each heartbeat is a sign of life of the node." + AGENT)
                .body(lenient(HeartbeatRequest.class))
                .ok(answer());
        docs.post("/api/agent/logs", "Log lines of the node's pipelines, between heartbeats")
                .description("The body is the list, or {\"logs\": [...]} as in a heartbeat." + AGENT)
                .body(oneOf(array(lenient(PipelineLogs.class)), object().optional("logs", array(lenient(PipelineLogs.class))).open()))
                .ok(answer());
        docs.post("/api/agent/samples", "Sample events the node took for sample requests, between heartbeats")
                .description("The body is the list, or {\"results\": [...]} (or sampleResults as in a heartbeat)." + AGENT)
                .body(oneOf(array(lenient(SampleResult.class)), object().optional("results", array(lenient(SampleResult.class)))
                        .optional("sampleResults", array(lenient(SampleResult.class))).open()))
                .ok(answer());
    }
}
