package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.vectorflow.adapter.http.HttpApi;
import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.openapi.OpenApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/openapi.json}: the document covers every registered route (from the same route table that carries
 * the access rules), a real OpenAPI parser (swagger-parser) reads it without a message, and live answers of the
 * running server hold to their schemas (checked with a JSON Schema 2020-12 validator).
 */
class OpenApiDocumentTest {

    @TempDir
    static Path dir;

    private static TestServer server;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        ApiClient.Answer answer = server.anonymous.get("/api/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        document = answer.json();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRegisteredRoute_isDescribed_andEveryDescriptionNamesARoute() {
        OpenApiDocument.Gaps gaps = OpenApiDocument.gaps(server.app.routes(), HttpApi.apiDocs());

        assertThat(gaps.undescribed()).as("routes without a description in an XxxApiDocs class").isEmpty();
        assertThat(gaps.unknown()).as("descriptions of routes that are not registered").isEmpty();
    }

    @Test
    void aRealOpenApiParser_readsTheDocument_withoutAMessage_andFindsEveryRouteWithItsAccessRule() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.toString(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("sessionCookie", "csrfToken", "apiToken", "nodeToken");
        for (ApiRoutes.Route route : server.app.routes()) {
            PathItem path = api.getPaths().get(route.path());
            assertThat(path).as(route.path()).isNotNull();
            Operation operation = path.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.method().name()));
            assertThat(operation).as(route.method() + " " + route.path()).isNotNull();
            assertThat(operation.getSummary()).as("summary of " + route.method() + " " + route.path()).isNotBlank();
            assertThat(operation.getResponses()).as("answers of " + route.method() + " " + route.path())
                    .containsKey("default")
                    .matches(r -> r.keySet().stream().anyMatch(code -> code.startsWith("2") || code.startsWith("3")), "has a 2xx or 3xx answer");
            String access = (String) operation.getExtensions().get("x-vectorflow-access");
            switch (route.access().kind()) {
                case PUBLIC, AGENT_ENROLLMENT -> assertThat(operation.getSecurity()).isEmpty();
                case AGENT -> assertThat(operation.getSecurity()).singleElement().matches(s -> s.containsKey("nodeToken"));
                default -> {
                    assertThat(operation.getSecurity()).hasSize(2);
                    assertThat(operation.getSecurity().get(1)).containsKey("apiToken");
                    assertThat(operation.getSecurity().get(0).containsKey("csrfToken")).isEqualTo(!route.method().name().equals("GET"));
                }
            }
            if (route.access().kind() == Access.Kind.TEAM_ROLE) {
                String role = route.access().minimumRole().name().toLowerCase(Locale.ROOT);
                assertThat(operation.getExtensions()).containsEntry("x-vectorflow-role", role);
                assertThat(access).startsWith("team " + role);
            }
        }
    }

    @Test
    void liveAnswers_holdToTheirSchemas() {
        ApiClient root = server.root();
        String teamId = root.postJson("/api/teams", ApiClient.json("name", "schema team")).json().get("id").asText();
        ApiClient.Answer created = root.postJson("/api/teams/" + teamId + "/environments", ApiClient.json("name", "schema-env", "description", "d"));
        assertThat(created.status()).isEqualTo(201);
        check("POST", "/api/teams/{teamId}/environments", 201, created.json());
        String envId = created.json().get("id").asText();

        Map<String, String> samples = Map.of(
                "/api/environments", "/api/environments",
                "/api/environments/{id}", "/api/environments/" + envId);
        List<String> checked = new ArrayList<>();
        samples.forEach((template, url) -> {
            ApiClient.Answer answer = root.get(url);
            assertThat(answer.status()).as(url).isEqualTo(200);
            check("GET", template, 200, answer.json());
            checked.add(template);
        });
        ApiClient.Answer missing = root.get("/api/environments/0193a0b4-0000-7000-8000-000000000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(errors(problemSchema(), missing.json())).isEmpty();
        assertThat(checked).isNotEmpty();
    }

    @Test
    void liveAnswersOfSystemIdentitySettingsAuditSecretsAndBackups_holdToTheirSchemas() {
        ApiClient root = server.root();
        ApiClient anonymous = server.anonymous;
        check("GET", "/api/health", 200, anonymous.get("/api/health").json());
        check("GET", "/api/ready", 200, anonymous.get("/api/ready").json());
        check("GET", "/api/session", 200, anonymous.get("/api/session").json());
        check("GET", "/api/session", 200, root.get("/api/session").json());
        check("GET", "/api/auth/providers", 200, anonymous.get("/api/auth/providers").json());
        check("GET", "/api/system/stats", 200, root.get("/api/system/stats").json());

        ApiClient.Answer user = root.postJson("/api/users", ApiClient.json("email", "ann@example.com", "name", "Ann",
                "password", "a long enough password 1"));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        check("POST", "/api/users", 201, user.json());
        String userId = user.json().get("id").asText();
        check("GET", "/api/users", 200, root.get("/api/users").json());
        check("GET", "/api/users/{userId}", 200, root.get("/api/users/" + userId).json());
        ApiClient.Answer team = root.postJson("/api/teams", ApiClient.json("name", "docs team"));
        check("POST", "/api/teams", 201, team.json());
        String teamId = team.json().get("id").asText();
        check("GET", "/api/teams", 200, root.get("/api/teams").json());
        check("GET", "/api/teams/{teamId}", 200, root.get("/api/teams/" + teamId).json());
        ApiClient.Answer member = root.putJson("/api/teams/" + teamId + "/members", ApiClient.json("email", "ann@example.com", "role", "EDITOR"));
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        check("PUT", "/api/teams/{teamId}/members", 200, member.json());
        check("GET", "/api/teams/{teamId}/members", 200, root.get("/api/teams/" + teamId + "/members").json());
        ApiClient.Answer teamToken = root.postJson("/api/teams/" + teamId + "/tokens", ApiClient.json("name", "ci", "role", "EDITOR"));
        check("POST", "/api/teams/{teamId}/tokens", 201, teamToken.json());
        check("GET", "/api/teams/{teamId}/tokens", 200, root.get("/api/teams/" + teamId + "/tokens").json());
        ApiClient.Answer myToken = root.postJson("/api/me/tokens", ApiClient.json("name", "mine", "expiresAt", "2099-01-01T00:00:00Z"));
        check("POST", "/api/me/tokens", 201, myToken.json());
        check("GET", "/api/me/tokens", 200, root.get("/api/me/tokens").json());
        check("GET", "/api/me/two-factor", 200, root.get("/api/me/two-factor").json());
        check("GET", "/api/teams/{teamId}/two-factor", 200, root.get("/api/teams/" + teamId + "/two-factor").json());
        check("GET", "/api/settings/oidc-providers", 200, root.get("/api/settings/oidc-providers").json());
        check("GET", "/api/settings", 200, root.get("/api/settings").json());

        String envId = root.postJson("/api/teams/" + teamId + "/environments", ApiClient.json("name", "docs-env")).json().get("id").asText();
        ApiClient.Answer secret = root.postJson("/api/environments/" + envId + "/secrets", ApiClient.json("name", "db_password", "value", "s3cret",
                "description", "the database"));
        assertThat(secret.status()).as(secret.body()).isEqualTo(201);
        check("POST", "/api/environments/{id}/secrets", 201, secret.json());
        check("GET", "/api/environments/{id}/secrets", 200, root.get("/api/environments/" + envId + "/secrets").json());
        check("GET", "/api/environments/{id}/secrets/{name}", 200, root.get("/api/environments/" + envId + "/secrets/db_password").json());
        check("GET", "/api/environments/{id}/certificates", 200, root.get("/api/environments/" + envId + "/certificates").json());
        check("GET", "/api/audit", 200, root.get("/api/audit?limit=50").json());
        check("GET", "/api/audit/export", 200, root.get("/api/audit/export?format=json&limit=10").json());
        check("GET", "/api/backups", 200, root.get("/api/backups").json());
        check("GET", "/api/restore", 200, root.get("/api/restore").json());

        ApiClient.Answer refused = root.postJson("/api/users", ApiClient.json("email", "not an address", "name", "", "password", "short"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(errors(problemSchema(), refused.json())).isEmpty();
        assertThat(refused.json().get("problems")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aWrongAnswer_failsItsSchema_soTheLiveCheckCanFail() {
        ObjectNode wrong = server.root().get("/api/environments").json().deepCopy();
        ((ArrayNode) wrong.withArray("items")).addObject().put("id", 42).put("unexpected", true);

        assertThat(errors(responseSchema("GET", "/api/environments", 200), wrong)).isNotEmpty();
    }

    private static void check(String method, String path, int status, JsonNode answer) {
        assertThat(errors(responseSchema(method, path, status), answer)).as(method + " " + path + " answered " + answer).isEmpty();
    }

    private static List<Error> errors(JsonNode schema, JsonNode answer) {
        Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        return compiled.validate(answer);
    }

    private static JsonNode responseSchema(String method, String path, int status) {
        JsonNode schema = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses")
                .path(String.valueOf(status)).path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as("a schema for " + method + " " + path + " " + status).isFalse();
        return inline(schema);
    }

    private static JsonNode problemSchema() {
        return inline(document.at("/components/schemas/Problem"));
    }

    /** The schema with every {@code #/components/schemas/X} reference replaced by X, so it stands alone. */
    private static JsonNode inline(JsonNode schema) {
        if (schema.isObject()) {
            JsonNode ref = schema.get("$ref");
            if (ref != null) {
                return inline(document.at(ref.asText().substring(1)));
            }
            ObjectNode copy = schema.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), inline(field.getValue()));
            }
            return copy;
        }
        if (schema.isArray()) {
            ArrayNode copy = ((ArrayNode) schema).arrayNode();
            schema.forEach(item -> copy.add(inline(item)));
            return copy;
        }
        return schema;
    }
}
