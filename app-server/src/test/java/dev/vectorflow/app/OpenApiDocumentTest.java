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

    /**
     * A pipeline's life (import, draft, validation, versions, diff, rollback), enrollment and the agent protocol, nodes and
     * their actions, deployments, telemetry, the fleet overview, agent releases and alerts, as a client and an agent drive
     * them: each answer against its documented schema.
     */
    @Test
    void liveAnswersOfPipelinesFleetAgentsAndAlerts_holdToTheirSchemas() {
        ApiClient root = server.root();
        Live live = new Live();
        String env = server.createEnvironment(root, server.createTeam("fleet schema team"), "fleet-schema-env");
        String e = "/api/environments/" + env;

        // pipelines
        live.expect(200, "GET", "/api/catalog", root.get("/api/catalog"));
        String pipeline = live.expect(201, "POST", "/api/environments/{id}/pipelines/import", root.postJson(e + "/pipelines/import",
                ApiClient.json("name", "imported", "config", PipelineFixtures.SIMPLE_YAML, "format", "yaml"))).get("pipeline").get("id").asText();
        String p = "/api/pipelines/" + pipeline;
        live.expect(201, "POST", "/api/environments/{id}/pipelines", root.postJson(e + "/pipelines",
                "{\"name\":\"drawn\",\"description\":\"from the editor\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}"));
        live.expect(200, "GET", "/api/environments/{id}/pipelines", root.get(e + "/pipelines"));
        live.expect(200, "GET", "/api/pipelines/{pipelineId}", root.get(p));
        live.expect(200, "PATCH", "/api/pipelines/{pipelineId}", root.patchJson(p, ApiClient.json("description", "imported from YAML")));
        live.expect(200, "POST", "/api/pipelines/{pipelineId}/validate", root.postJson(p + "/validate", "{}"));
        live.expect(201, "POST", "/api/pipelines/{pipelineId}/versions", root.postJson(p + "/versions", ApiClient.json("message", "first")));
        live.expect(200, "PUT", "/api/pipelines/{pipelineId}/graph", root.putJson(p + "/graph",
                PipelineFixtures.SIMPLE_GRAPH.replace("upcase", "downcase")));
        live.expect(201, "POST", "/api/pipelines/{pipelineId}/versions", root.postJson(p + "/versions", "{}"));
        live.expect(200, "GET", "/api/pipelines/{pipelineId}/versions", root.get(p + "/versions"));
        live.expect(200, "GET", "/api/pipelines/{pipelineId}/versions/{number}", root.get(p + "/versions/1"));
        live.expect(200, "GET", "/api/pipelines/{pipelineId}/diff", root.get(p + "/diff?from=1&to=2"));
        live.expect(201, "POST", "/api/pipelines/{pipelineId}/versions/{number}/rollback", root.postJson(p + "/versions/1/rollback",
                ApiClient.json("message", "back to the first")));
        live.expect(200, "POST", "/api/pipelines/{pipelineId}/draft/reset", root.postJson(p + "/draft/reset?version=2", "{}"));
        live.expect(200, "GET", "/api/pipelines/{pipelineId}/config", root.get(p + "/config?format=json"));
        ApiClient.Answer yaml = root.get(p + "/config");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(document.path("paths").path("/api/pipelines/{pipelineId}/config").path("get").path("responses").path("200")
                .path("content").has(yaml.contentType().split(";")[0])).as(yaml.contentType()).isTrue();
        // errors: a rollback message over the limit, a diff from version 0
        ApiClient.Answer tooLong = root.postJson(p + "/versions/1/rollback", ApiClient.json("message", "x".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("problems").get(0).get("field").asText()).isEqualTo("message");
        assertThat(errors(problemSchema(), tooLong.json())).isEmpty();
        ApiClient.Answer badDiff = root.get(p + "/diff?from=0&to=2");
        assertThat(badDiff.status()).isEqualTo(400);
        assertThat(errors(problemSchema(), badDiff.json())).isEmpty();

        // deployment, enrollment and the agent protocol
        live.expect(201, "POST", "/api/pipelines/{pipelineId}/deployments", root.postJson(p + "/deployments", "{\"selector\":{\"role\":\"edge\"}}"));
        String token = live.expect(201, "POST", "/api/environments/{id}/enrollment-tokens", root.postJson(e + "/enrollment-tokens",
                "{\"name\":\"edge\",\"expiresInHours\":2,\"maxUses\":3,\"labels\":{\"site\":\"a\"}}")).get("token").asText();
        live.expect(200, "GET", "/api/environments/{id}/enrollment-tokens", root.get(e + "/enrollment-tokens"));
        JsonNode enrolled = live.expect(200, "POST", "/api/agent/enroll", server.anonymous.postJson("/api/agent/enroll",
                "{\"token\":\"" + token + "\",\"hostname\":\"edge-1\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\","
                        + "\"vectorVersion\":\"vector 0.57.0\",\"labels\":{\"role\":\"edge\"}}"));
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        String node = enrolled.get("nodeId").asText();
        String n = "/api/nodes/" + node;
        JsonNode beat = live.expect(200, "POST", "/api/agent/heartbeat", agent.postJson("/api/agent/heartbeat",
                "{\"agentVersion\":\"1.0.0\",\"deploymentMode\":\"STANDALONE\",\"labels\":{\"role\":\"edge\"},\"pipelines\":[]}"));
        JsonNode deploy = beat.get("pendingActions").get(0);
        assertThat(deploy.get("type").asText()).isEqualTo("deploy");
        live.expect(200, "GET", "/api/agent/config", agent.get("/api/agent/config"));
        live.expect(200, "POST", "/api/agent/config", agent.postJson("/api/agent/config", ApiClient.json("pipelineId", pipeline)));
        live.expect(200, "POST", "/api/agent/heartbeat", agent.postJson("/api/agent/heartbeat", "{\"hostMetrics\":{\"cpuSecondsTotal\":100,"
                + "\"cpuSecondsIdle\":80,\"memoryTotalBytes\":1000,\"memoryUsedBytes\":500},\"pipelines\":[{\"pipelineId\":\"" + pipeline
                + "\",\"version\":" + deploy.get("version").asInt() + ",\"configChecksum\":\"" + deploy.get("checksum").asText()
                + "\",\"status\":\"RUNNING\",\"pid\":42,\"uptimeSeconds\":5,\"eventsIn\":10,\"eventsOut\":-1}]}"));
        live.expect(200, "POST", "/api/agent/logs", agent.postJson("/api/agent/logs",
                "[{\"pipelineId\":\"" + pipeline + "\",\"lines\":[\"INFO vector: started\"]}]"));
        live.expect(200, "GET", "/api/pipelines/{pipelineId}/deployments", root.get(p + "/deployments"));

        // nodes, their actions and telemetry
        live.expect(200, "GET", "/api/environments/{id}/nodes", root.get(e + "/nodes?status=HEALTHY&label=role=edge&search=edge"));
        live.expect(200, "GET", "/api/environments/{id}/nodes", root.get(e + "/nodes?sort=lastSeen&order=desc&limit=1"));
        live.expect(200, "GET", "/api/environments/{id}/nodes/match", root.get(e + "/nodes/match?selector=role=edge"));
        live.expect(200, "GET", "/api/nodes/{nodeId}", root.get(n));
        live.expect(200, "PUT", "/api/nodes/{nodeId}/labels", root.putJson(n + "/labels", "{\"labels\":{\"tier\":\"front\"}}"));
        live.expect(200, "PUT", "/api/nodes/{nodeId}/maintenance", root.putJson(n + "/maintenance", "{\"enabled\":false}"));
        live.expect(202, "POST", "/api/nodes/{nodeId}/pipelines/{pipelineId}/restart", root.postJson(n + "/pipelines/" + pipeline + "/restart", "{}"));
        String request = live.expect(202, "POST", "/api/nodes/{nodeId}/samples", root.postJson(n + "/samples",
                "{\"pipelineId\":\"" + pipeline + "\",\"componentKeys\":[\"app_logs\"],\"limit\":2}")).get("requestId").asText();
        live.expect(200, "GET", "/api/nodes/{nodeId}/samples/{requestId}", root.get(n + "/samples/" + request));
        live.expect(200, "GET", "/api/nodes/{nodeId}/actions", root.get(n + "/actions"));
        live.expect(200, "GET", "/api/nodes/{nodeId}/metrics", root.get(n + "/metrics"));
        live.expect(200, "GET", "/api/pipelines/{pipelineId}/metrics", root.get(p + "/metrics?step=60"));
        live.expect(200, "GET", "/api/nodes/{nodeId}/logs", root.get(n + "/logs?limit=10"));
        live.expect(200, "GET", "/api/environments/{id}/fleet/overview", root.get(e + "/fleet/overview?range=15m"));
        live.expect(201, "POST", "/api/nodes/{nodeId}/re-enroll", root.postJson(n + "/re-enroll", "{}"));

        // agent releases and updates
        live.expect(201, "POST", "/api/agent-releases", root.postJson("/api/agent-releases", ApiClient.json("version", "1.2.0",
                "downloadUrl", "https://downloads.example.com/agent-1.2.0.jar", "checksum", "sha256:" + "b".repeat(64),
                "signature", java.util.Base64.getEncoder().encodeToString(new byte[64]), "notes", "schema check")));
        live.expect(200, "GET", "/api/agent-releases", root.get("/api/agent-releases"));
        live.expect(202, "POST", "/api/nodes/{nodeId}/update", root.postJson(n + "/update", ApiClient.json("version", "1.2.0")));
        live.expect(202, "POST", "/api/environments/{id}/nodes/update", root.postJson(e + "/nodes/update", "{\"version\":\"1.2.0\"}"));
        live.expect(200, "GET", "/api/nodes/{nodeId}/agent-versions", root.get(n + "/agent-versions"));

        // alerts
        String channel = live.expect(201, "POST", "/api/environments/{id}/alert-channels", root.postJson(e + "/alert-channels",
                "{\"name\":\"ops\",\"kind\":\"slack\",\"secrets\":{\"url\":\"https://hooks.slack.example.com/services/T0/B0/x\"}}"))
                .get("id").asText();
        live.expect(200, "GET", "/api/environments/{id}/alert-channels", root.get(e + "/alert-channels"));
        live.expect(200, "GET", "/api/environments/{id}/alert-channels/{channelId}", root.get(e + "/alert-channels/" + channel));
        live.expect(200, "PUT", "/api/environments/{id}/alert-channels/{channelId}", root.putJson(e + "/alert-channels/" + channel,
                "{\"name\":\"ops team\",\"kind\":\"slack\"}"));
        live.expect(200, "POST", "/api/environments/{id}/alert-channels/{channelId}/test", root.postJson(e + "/alert-channels/" + channel + "/test", "{}"));
        live.expect(200, "GET", "/api/environments/{id}/alert-channels/{channelId}/deliveries", root.get(e + "/alert-channels/" + channel
                + "/deliveries?limit=5"));
        String rule = live.expect(201, "POST", "/api/environments/{id}/alert-rules", root.postJson(e + "/alert-rules",
                "{\"name\":\"hot\",\"severity\":\"critical\",\"forSeconds\":60,\"channels\":[\"" + channel + "\"],"
                        + "\"condition\":{\"kind\":\"node_metric\",\"metric\":\"cpu_percent\",\"comparison\":\">\",\"threshold\":90,"
                        + "\"selector\":\"role=edge\"}}")).get("id").asText();
        live.expect(200, "GET", "/api/environments/{id}/alert-rules", root.get(e + "/alert-rules"));
        live.expect(200, "GET", "/api/environments/{id}/alert-rules/{ruleId}", root.get(e + "/alert-rules/" + rule));
        live.expect(200, "PUT", "/api/environments/{id}/alert-rules/{ruleId}", root.putJson(e + "/alert-rules/" + rule,
                "{\"name\":\"failing\",\"condition\":{\"kind\":\"pipeline_failing\",\"pipeline\":\"" + pipeline + "\"}}"));
        live.expect(201, "POST", "/api/environments/{id}/silences", root.postJson(e + "/silences", ApiClient.json("ruleId", rule, "nodeId", node,
                "until", java.time.Instant.now().plusSeconds(3600).toString(), "reason", "schema check")));
        live.expect(200, "GET", "/api/environments/{id}/silences", root.get(e + "/silences"));
        live.expect(200, "GET", "/api/environments/{id}/alerts", root.get(e + "/alerts?state=firing&limit=10"));

        // promotion into another environment, then approvals there
        String fleetTeam = root.get(e).json().get("teamId").asText();
        String target = server.createEnvironment(root, fleetTeam, "promotion-schema-env");
        String promote = "{\"targetEnvironmentId\":\"" + target + "\",\"values\":[{\"component\":\"parse\",\"option\":\"source\","
                + "\"value\":\".stage = 1\"}],\"note\":\"schema check\"}";
        String promote1 = "/api/pipelines/{pipelineId}/versions/{number}/promote";
        live.expect(200, "POST", promote1 + "/preview", root.postJson(p + "/versions/1/promote/preview", promote));
        String promoted = live.expect(201, "POST", promote1, root.postJson(p + "/versions/1/promote", promote)).get("pipelineId").asText();
        assertThat(root.patchJson("/api/environments/" + target, "{\"requiresApproval\":true}").status()).isEqualTo(200);
        String heldPromotion = live.expect(202, "POST", promote1, root.postJson(p + "/versions/2/promote", promote)).get("id").asText();
        String heldDeploy = live.expect(202, "POST", "/api/pipelines/{pipelineId}/deployments",
                root.postJson("/api/pipelines/" + promoted + "/deployments", "{\"selector\":{\"role\":\"edge\"}}")).get("id").asText();
        String approvals = "/api/environments/" + target + "/approvals";
        live.expect(200, "GET", "/api/environments/{id}/approvals", root.get(approvals + "?state=pending&limit=5"));
        live.expect(200, "GET", "/api/environments/{id}/approvals/{approvalId}", root.get(approvals + "/" + heldDeploy));
        ApiClient approver = server.user("schema-approver@example.com", fleetTeam, "ADMIN");
        live.expect(200, "POST", "/api/environments/{id}/approvals/{approvalId}/approve", approver.postJson(approvals + "/" + heldPromotion
                + "/approve", "{}"));
        live.expect(200, "POST", "/api/environments/{id}/approvals/{approvalId}/reject", approver.postJson(approvals + "/" + heldDeploy
                + "/reject", ApiClient.json("reason", "schema check")));

        assertThat(root.delete(p + "/deployments").status()).isEqualTo(204);
        assertThat(live.checked).as("routes whose live answers were checked").hasSize(62);
    }

    /** Checks answers against their schemas and counts the routes checked. */
    private static final class Live {
        final java.util.Set<String> checked = new java.util.TreeSet<>();

        JsonNode expect(int status, String method, String template, ApiClient.Answer answer) {
            assertThat(answer.status()).as(method + " " + template + ": " + answer.body()).isEqualTo(status);
            check(method, template, status, answer.json());
            checked.add(method + " " + template);
            return answer.json();
        }
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

    /**
     * The schema with the document's named schemas beside it, so that its {@code #/components/schemas/X} references (and
     * those of records that hold themselves, as the catalog's options do) resolve in it.
     */
    private static JsonNode inline(JsonNode schema) {
        ObjectNode root = schema.deepCopy();
        root.putObject("components").set("schemas", document.at("/components/schemas"));
        return root;
    }
}
