package dev.vectorflow.adapter.http.system;

import static dev.vectorflow.adapter.http.openapi.Schema.bool;
import static dev.vectorflow.adapter.http.openapi.Schema.map;
import static dev.vectorflow.adapter.http.openapi.Schema.number;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.openapi.Schema;

/** Health, readiness and the server's own figures in the OpenAPI document. */
public final class SystemApiDocs {

    private SystemApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("System");
        docs.get("/api/health", "Whether the process is alive, and its version (for liveness checks)")
                .ok(object().required("status", string()).required("version", string()));
        Schema readiness = object().required("ready", bool()).required("checks", map(string()));
        docs.get("/api/ready", "Whether the server can serve: the database answers and the data directory takes writes (for load balancers)")
                .ok(readiness)
                .answer(503, "application/json", readiness, "Service Unavailable: a check failed (the checks say which)");
        docs.get("/api/system/stats", "The server's own figures: telemetry write queue, flushes, database size")
                .ok(map(number()));
    }
}
