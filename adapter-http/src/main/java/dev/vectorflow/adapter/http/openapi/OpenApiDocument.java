package dev.vectorflow.adapter.http.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.RequestGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the API, built from the route table (paths, methods and access rules, exactly as the
 * server enforces them) and the features' {@link ApiDocs} (summaries, parameters, bodies, answers).
 */
public final class OpenApiDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final String PROBLEM = "application/problem+json";

    private OpenApiDocument() {
    }

    /** Routes registered without a description and descriptions that name no route; both empty in a sound build. */
    public record Gaps(Set<String> undescribed, Set<String> unknown) {
        public boolean none() {
            return undescribed.isEmpty() && unknown.isEmpty();
        }
    }

    public static Gaps gaps(List<ApiRoutes.Route> routes, ApiDocs docs) {
        Set<String> registered = new TreeSet<>();
        routes.forEach(r -> registered.add(key(r)));
        Set<String> undescribed = new TreeSet<>(registered);
        undescribed.removeAll(docs.operations().keySet());
        Set<String> unknown = new TreeSet<>(docs.operations().keySet());
        unknown.removeAll(registered);
        return new Gaps(undescribed, unknown);
    }

    private static String key(ApiRoutes.Route route) {
        return route.method().name() + " " + route.path();
    }

    /** The document; a route without a description is listed with its access rule only (and {@link #gaps} names it). */
    public static ObjectNode build(List<ApiRoutes.Route> routes, ApiDocs docs, String version) {
        Components components = new Components();
        ObjectNode root = JSON.objectNode();
        root.put("openapi", "3.1.0");
        root.put("jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base");
        ObjectNode info = root.putObject("info");
        info.put("title", "VectorFlow API");
        info.put("version", version);
        info.put("description", """
                The REST API of the VectorFlow server and the agent protocol (v1). Every error is \
                application/problem+json with one shape (Problem). Each operation names who may call it in \
                x-vectorflow-access: anyone, any signed-in user or API token, platform admins, a minimum role \
                (viewer < editor < admin) in the team that owns the addressed object (another team's objects \
                answer 404), or agents with their node token.""");
        root.putArray("servers").addObject().put("url", "/").put("description", "this server");

        ObjectNode paths = root.putObject("paths");
        Map<String, ApiDocs.Operation> described = docs.operations();
        Set<String> tags = new TreeSet<>();
        for (ApiRoutes.Route route : routes) {
            ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            ApiDocs.Operation doc = described.get(key(route));
            ObjectNode operation = path.putObject(route.method().name().toLowerCase(Locale.ROOT));
            String method = route.method().name();
            if (doc != null) {
                operation.putArray("tags").add(doc.tag());
                tags.add(doc.tag());
                operation.put("summary", doc.summary());
            }
            operation.put("operationId", operationId(method, route.path()));
            String access = accessText(route.access());
            String description = doc == null || doc.descriptionText().isEmpty() ? "" : doc.descriptionText() + "\n\n";
            operation.put("description", description + "Who may call: " + access + ".");
            operation.put("x-vectorflow-access", access);
            if (route.access().kind() == Access.Kind.TEAM_ROLE) {
                operation.put("x-vectorflow-role", route.access().minimumRole().name().toLowerCase(Locale.ROOT));
            }
            operation.set("security", security(route.access(), method));
            ArrayNode parameters = JSON.arrayNode();
            Matcher m = PATH_PARAMETER.matcher(route.path());
            while (m.find()) {
                ObjectNode p = parameters.addObject();
                p.put("name", m.group(1)).put("in", "path").put("required", true);
                p.putObject("schema").put("type", "string");
            }
            if (doc != null) {
                for (ApiDocs.Query q : doc.queries()) {
                    ObjectNode p = parameters.addObject();
                    p.put("name", q.name()).put("in", "query").put("required", q.required());
                    if (!q.description().isEmpty()) {
                        p.put("description", q.description());
                    }
                    p.set("schema", q.schema().toJson(components));
                }
            }
            if (!parameters.isEmpty()) {
                operation.set("parameters", parameters);
            }
            if (doc != null && doc.body() != null) {
                ObjectNode body = operation.putObject("requestBody");
                body.put("required", !doc.bodyOptional());
                body.putObject("content").putObject("application/json").set("schema", doc.body().toJson(components));
            }
            ObjectNode responses = operation.putObject("responses");
            if (doc != null) {
                for (ApiDocs.Answer a : doc.answers()) {
                    // several answers with one status: one response with a content entry per media type
                    String status = String.valueOf(a.status());
                    ObjectNode response = responses.has(status) ? (ObjectNode) responses.get(status) : responses.putObject(status);
                    response.put("description", a.description());
                    if (a.schema() != null) {
                        ObjectNode content = response.has("content") ? (ObjectNode) response.get("content") : response.putObject("content");
                        content.putObject(a.mediaType()).set("schema", a.schema().toJson(components));
                    }
                }
            }
            if (responses.isEmpty()) {
                responses.putObject("200").put("description", "OK");
            }
            for (String status : errorStatuses(route, doc)) {
                responses.putObject(status).put("$ref", "#/components/responses/Problem");
            }
            responses.putObject("default").put("$ref", "#/components/responses/Problem");
        }
        ArrayNode tagList = root.putArray("tags");
        tags.forEach(t -> tagList.addObject().put("name", t));

        ObjectNode componentsNode = root.putObject("components");
        components.put("Problem", problemSchema());
        components.put("FieldProblem", JSON.objectNode().put("type", "object")
                .<ObjectNode>set("properties", JSON.objectNode()
                        .<ObjectNode>set("field", JSON.objectNode().put("type", "string"))
                        .set("message", JSON.objectNode().put("type", "string")))
                .set("required", JSON.arrayNode().add("field").add("message")));
        componentsNode.set("schemas", components.toJson());
        ObjectNode problem = componentsNode.putObject("responses").putObject("Problem");
        problem.put("description", "The request was refused or failed; the body says why");
        problem.putObject("content").putObject(PROBLEM).putObject("schema").put("$ref", "#/components/schemas/Problem");
        componentsNode.set("securitySchemes", securitySchemes());
        return root;
    }

    private static List<String> errorStatuses(ApiRoutes.Route route, ApiDocs.Operation doc) {
        List<String> statuses = new ArrayList<>();
        boolean mutation = !route.method().name().equals("GET");
        if (mutation || (doc != null && !doc.queries().isEmpty())) {
            statuses.add("400");
        }
        if (route.access().kind() != Access.Kind.PUBLIC) {
            statuses.add("401");
            statuses.add("403");
        }
        if (route.path().contains("{")) {
            statuses.add("404");
        }
        if (mutation) {
            statuses.add("409");
        }
        if (doc != null && doc.body() != null) {
            statuses.add("413");
            statuses.add("415");
        }
        statuses.removeIf(s -> doc != null && doc.answers().stream().anyMatch(a -> String.valueOf(a.status()).equals(s)));
        return statuses;
    }

    private static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.substring("/api/".length()).split("/")) {
            String word = segment.replaceAll("[{}]", "");
            boolean parameter = segment.startsWith("{");
            StringBuilder camel = new StringBuilder();
            for (String part : word.split("[-_.]")) {
                if (!part.isEmpty()) {
                    camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
            id.append(parameter ? "By" + camel : camel);
        }
        return id.toString();
    }

    static String accessText(Access access) {
        String text = switch (access.kind()) {
            case PUBLIC -> "anyone";
            case SIGNED_IN -> "any signed-in user or API token";
            case PLATFORM_ADMIN -> "platform admins";
            case TEAM_ROLE -> switch (access.minimumRole()) {
                case VIEWER -> "team viewers, editors and admins";
                case EDITOR -> "team editors and admins";
                case ADMIN -> "team admins";
            } + " (of the team that owns the object), and platform admins";
            case AGENT -> "agents, with their node token";
            case AGENT_ENROLLMENT -> "agents enrolling, with an enrollment token in the body";
        };
        if (access.forUsersOnly()) {
            text += " (users only, not team API tokens)";
        }
        return text;
    }

    private static ArrayNode security(Access access, String method) {
        ArrayNode security = JSON.arrayNode();
        switch (access.kind()) {
            case PUBLIC, AGENT_ENROLLMENT -> {
                // no credentials: an empty requirement list
            }
            case AGENT -> security.addObject().putArray("nodeToken");
            default -> {
                ObjectNode session = security.addObject();
                session.putArray("sessionCookie");
                if (!method.equals("GET")) {
                    session.putArray("csrfToken");
                }
                security.addObject().putArray("apiToken");
            }
        }
        return security;
    }

    private static ObjectNode securitySchemes() {
        ObjectNode schemes = JSON.objectNode();
        schemes.putObject("sessionCookie").put("type", "apiKey").put("in", "cookie").put("name", RequestGuard.SESSION_COOKIE)
                .put("description", "The session a sign-in (POST /api/session) sets; HttpOnly, SameSite=Lax.");
        schemes.putObject("csrfToken").put("type", "apiKey").put("in", "header").put("name", RequestGuard.CSRF_HEADER)
                .put("description", "With a session cookie, every change (not GET) sends the csrfToken of GET /api/session in this header.");
        schemes.putObject("apiToken").put("type", "http").put("scheme", "bearer")
                .put("description", "A personal or team API token (POST /api/me/tokens, POST /api/teams/{teamId}/tokens); no CSRF header needed.");
        schemes.putObject("nodeToken").put("type", "http").put("scheme", "bearer")
                .put("description", "The node token an agent got at enrollment; only the agent API takes it.");
        return schemes;
    }

    private static ObjectNode problemSchema() {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        schema.put("description", "Every error: the HTTP status, a short title, a sentence for people and, for a validation error,"
                + " every invalid field. `error` repeats the detail for the agent protocol.");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("status").put("type", "integer");
        properties.putObject("title").put("type", "string");
        properties.putObject("detail").put("type", "string");
        properties.putObject("error").put("type", "string");
        ObjectNode problems = properties.putObject("problems").put("type", "array");
        problems.putObject("items").put("$ref", "#/components/schemas/FieldProblem");
        schema.putArray("required").add("status").add("title");
        return schema;
    }
}
