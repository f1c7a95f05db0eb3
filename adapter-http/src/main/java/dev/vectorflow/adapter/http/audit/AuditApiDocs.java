package dev.vectorflow.adapter.http.audit;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.dateTime;
import static dev.vectorflow.adapter.http.openapi.Schema.enumeration;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.items;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;

/** The audit log in the OpenAPI document. */
public final class AuditApiDocs {

    private AuditApiDocs() {
    }

    private static ApiDocs.Operation filters(ApiDocs.Operation operation) {
        return operation.query("actor", string(), "the actor's e-mail or name")
                .query("action", string(), "an action or its prefix, e.g. pipeline. or pipeline.published")
                .query("entityType", string(), "e.g. pipeline, environment, node")
                .query("entityId", string(), "the entity's id")
                .query("from", dateTime(), "ISO-8601 instant, inclusive")
                .query("to", dateTime(), "ISO-8601 instant, exclusive");
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Audit");
        filters(docs.get("/api/audit", "Audit entries, newest first: the caller's teams' (platform admins: all)"))
                .query("limit", integer(1, 1000), "at most this many (default 100)")
                .ok(items(of(AuditController.AuditEntryResponse.class)));
        filters(docs.get("/api/audit/export", "Export audit entries as a JSON array or CSV (a download)"))
                .query("format", enumeration("json", "csv"), "json (default) or csv")
                .query("limit", integer(1, 100_000), "at most this many (default 10,000)")
                .ok(array(of(AuditController.AuditEntryResponse.class)))
                .answer(200, "text/csv", string(), "A JSON array, or CSV with format=csv");
    }
}
