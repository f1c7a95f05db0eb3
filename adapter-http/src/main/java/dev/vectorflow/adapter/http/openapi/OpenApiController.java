package dev.vectorflow.adapter.http.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code GET /api/openapi.json}: the OpenAPI 3.1 document of every route, built once from the route table and the docs. */
public final class OpenApiController {

    private final ApiDocs docs;
    private final String version;
    private final ObjectMapper mapper;
    private List<ApiRoutes.Route> routes = List.of();
    private volatile byte[] document;

    public OpenApiController(ApiDocs docs, String version, ObjectMapper mapper) {
        this.docs = docs;
        this.version = version;
        this.mapper = mapper;
    }

    public void register(ApiRoutes api) {
        api.get("/api/openapi.json", Access.publicRoute(), this::serve);
        this.routes = api.declared(); // a view: the routes registered after this one are in it when the document is built
    }

    private void serve(Context ctx) {
        byte[] body = document;
        if (body == null) {
            try {
                body = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(OpenApiDocument.build(routes, docs, version));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            document = body;
        }
        ctx.contentType("application/json").result(body);
    }
}
