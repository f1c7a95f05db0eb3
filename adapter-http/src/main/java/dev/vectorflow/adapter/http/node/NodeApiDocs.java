package dev.vectorflow.adapter.http.node;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.dateTime;
import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.map;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;
import static dev.vectorflow.adapter.http.openapi.Schema.uuid;

import dev.vectorflow.adapter.http.node.NodeResponses.MatchResponse;
import dev.vectorflow.adapter.http.node.NodeResponses.NodeActionResponse;
import dev.vectorflow.adapter.http.node.NodeResponses.NodeListResponse;
import dev.vectorflow.adapter.http.node.NodeResponses.NodeResponse;
import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.ports.in.node.RequestSampleCommand;
import dev.vectorflow.ports.out.node.NodeListing;

/** The node routes (list, detail, labels, maintenance, token, re-enrollment, restarts, samples, actions) in the OpenAPI document. */
public final class NodeApiDocs {

    private NodeApiDocs() {
    }

    /** A set of labels (a node's, a token's, a selector). */
    public static Schema labels() {
        return map(string(253)).describedAs("at most " + Labels.MAX_LABELS + " labels; keys are 1-63 letters, digits, '_', '.', '/', '-'"
                + " starting with a letter or digit; values at most 253 printable characters without ',' and '='");
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Nodes");
        docs.get("/api/environments/{id}/nodes", "One page of the nodes of an environment with the pipelines they run")
                .description("Paged by keyset: pass the answer's nextCursor (absent on the last page) as cursor, with the same sort, order"
                        + " and filters, for the next page; the cursor records them, and one given with another sort, order or other filters"
                        + " (status, label, search; label order and the case of search do not matter) is refused with a 400 naming cursor."
                        + " Nodes with the same sort key come in the order of their ids. total counts every node the filters match. Every"
                        + " invalid parameter is named in one 400.")
                .query("status", enumeration("HEALTHY", "DEGRADED", "UNREACHABLE"), "only nodes of this status")
                .query("label", string().describedAs("key=value; repeat the parameter or separate with commas"),
                        "only nodes that have every one of these labels")
                .query("search", string(NodeListParams.MAX_SEARCH), "only nodes whose hostname contains this text (case ignored)")
                .query("sort", enumeration("name", "status", "lastSeen", "agentVersion"),
                        "what the nodes are ordered by (default name: hostname ignoring case; lastSeen: nodes never seen first, exact to 30 s;"
                                + " agentVersion: as versions, numeric parts by value (0.10.0 after 0.9.0), a pre-release before its release)")
                .query("order", enumeration("asc", "desc"), "ascending (default) or descending")
                .query("limit", integer(1, NodeListing.MAX_LIMIT), "most nodes on the page (default " + NodeListing.DEFAULT_LIMIT + ")")
                .query("cursor", string(NodeListParams.MAX_CURSOR), "where the page starts: nextCursor of the page before, given with"
                        + " the same sort, order and filters")
                .ok(of(NodeListResponse.class));
        docs.get("/api/environments/{id}/nodes/match", "How many nodes a selector matches, and the first " + NodeListParams.MATCH_LIMIT
                + " of them by hostname (to preview a deployment)")
                .query("selector", string().describedAs("key=value,key=value; empty matches every node"), "the labels a node must all have")
                .ok(of(MatchResponse.class));
        docs.get("/api/nodes/{nodeId}", "One node with its pipelines, its status transitions and its latest host reading")
                .ok(of(NodeResponse.class));
        docs.delete("/api/nodes/{nodeId}", "Delete a node (its token stops working; the agent has to enroll again)").noContent();
        docs.delete("/api/nodes/{nodeId}/token", "Revoke a node's token: its agent gets 401 from then on and stops calling").noContent();
        docs.post("/api/nodes/{nodeId}/re-enroll", "Issue a single-use enrollment token that gives this node (its labels, its history) a new node token")
                .description("The token is shown once; the node's agent enrolls with it.")
                .created(object().required("token", string()).required("expiresAt", dateTime()));
        docs.put("/api/nodes/{nodeId}/labels", "Set the labels users give a node (they win over the agent's labels of the same key)")
                .body(object().optional("labels", labels().describedAs("the user labels; absent or empty clears them")))
                .ok(of(NodeResponse.class));
        docs.put("/api/nodes/{nodeId}/maintenance", "Put a node into maintenance (its agent runs no pipeline meanwhile) or take it out")
                .body(object().required("enabled", bool()))
                .ok(of(NodeResponse.class));
        docs.post("/api/nodes/{nodeId}/pipelines/{pipelineId}/restart", "Ask the node's agent to restart one pipeline (with its next heartbeat)")
                .description("The action shows under GET /api/nodes/{nodeId}/actions until the agent reports its result.")
                .accepted(object().required("actionId", string()));
        docs.post("/api/nodes/{nodeId}/samples", "Ask the node's agent for sample events of some components of a running pipeline")
                .description("The result comes with a later heartbeat; poll GET /api/nodes/{nodeId}/samples/{requestId}.")
                .body(object().required("pipelineId", uuid())
                        .required("componentKeys", array(string()).describedAs("1 to 50 component keys"))
                        .optional("limit", integer(1, RequestSampleCommand.MAX_LIMIT).describedAs("events per component (default 5)")))
                .accepted(object().required("requestId", string()));
        docs.get("/api/nodes/{nodeId}/actions", "The last 100 one-shot actions of a node (restarts, samples, updates), newest first, with their results")
                .ok(array(of(NodeActionResponse.class)));
    }
}
