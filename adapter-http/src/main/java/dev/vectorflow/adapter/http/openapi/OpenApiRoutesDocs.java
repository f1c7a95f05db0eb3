package dev.vectorflow.adapter.http.openapi;

/** The document's own route. */
public final class OpenApiRoutesDocs {

    private OpenApiRoutesDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("System");
        docs.get("/api/openapi.json", "This OpenAPI 3.1 document").ok(Schema.object().open().describedAs("an OpenAPI 3.1 document"));
    }
}
