package dev.vectorflow.adapter.http.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the route table does not know about each route: a summary, its tag, its query parameters, the request body and
 * the answers. Each feature describes its own routes (a {@code XxxApiDocs} class beside its controller);
 * {@link OpenApiDocument} joins them with the registered routes and their access rules, and a test fails when a
 * registered route has no description here or a description names no route.
 */
public final class ApiDocs {

    /** A query parameter. */
    public record Query(String name, Schema schema, String description, boolean required) {
    }

    /** One answer: status, media type, schema (null for no body), description. */
    public record Answer(int status, String mediaType, Schema schema, String description) {
    }

    /** The description of one route; built with the chained methods. */
    public static final class Operation {
        private final String method;
        private final String path;
        private final String tag;
        private final String summary;
        private String description = "";
        private final List<Query> queries = new ArrayList<>();
        private Schema body;
        private boolean bodyOptional;
        private final List<Answer> answers = new ArrayList<>();

        Operation(String method, String path, String tag, String summary) {
            this.method = method;
            this.path = path;
            this.tag = tag;
            this.summary = summary;
        }

        public Operation description(String text) {
            this.description = text;
            return this;
        }

        public Operation query(String name, Schema schema, String description) {
            queries.add(new Query(name, schema, description, false));
            return this;
        }

        public Operation requiredQuery(String name, Schema schema, String description) {
            queries.add(new Query(name, schema, description, true));
            return this;
        }

        /** A JSON request body. */
        public Operation body(Schema schema) {
            this.body = schema;
            return this;
        }

        /** A JSON request body that may be left out. */
        public Operation optionalBody(Schema schema) {
            this.body = schema;
            this.bodyOptional = true;
            return this;
        }

        /** 200 with a JSON answer. */
        public Operation ok(Schema schema) {
            return answer(200, "application/json", schema, "OK");
        }

        /** 201 with a JSON answer. */
        public Operation created(Schema schema) {
            return answer(201, "application/json", schema, "Created");
        }

        /** 202 with a JSON answer. */
        public Operation accepted(Schema schema) {
            return answer(202, "application/json", schema, "Accepted");
        }

        /** 204, no body. */
        public Operation noContent() {
            return answer(204, null, null, "No Content");
        }

        public Operation answer(int status, String mediaType, Schema schema, String description) {
            answers.add(new Answer(status, mediaType, schema, description));
            return this;
        }

        String key() {
            return method + " " + path;
        }

        String method() {
            return method;
        }

        String path() {
            return path;
        }

        String tag() {
            return tag;
        }

        String summary() {
            return summary;
        }

        String descriptionText() {
            return description;
        }

        List<Query> queries() {
            return queries;
        }

        Schema body() {
            return body;
        }

        boolean bodyOptional() {
            return bodyOptional;
        }

        List<Answer> answers() {
            return answers;
        }
    }

    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private String tag = "API";

    /** The tag of the operations described next (the feature's name in the reference). */
    public ApiDocs tag(String name) {
        this.tag = name;
        return this;
    }

    public Operation get(String path, String summary) {
        return add("GET", path, summary);
    }

    public Operation post(String path, String summary) {
        return add("POST", path, summary);
    }

    public Operation put(String path, String summary) {
        return add("PUT", path, summary);
    }

    public Operation patch(String path, String summary) {
        return add("PATCH", path, summary);
    }

    public Operation delete(String path, String summary) {
        return add("DELETE", path, summary);
    }

    private Operation add(String method, String path, String summary) {
        Operation operation = new Operation(method, path, tag, summary);
        if (operations.putIfAbsent(operation.key(), operation) != null) {
            throw new IllegalStateException("described twice: " + operation.key());
        }
        return operation;
    }

    Map<String, Operation> operations() {
        return Collections.unmodifiableMap(operations);
    }
}
