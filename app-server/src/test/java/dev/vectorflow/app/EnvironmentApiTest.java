package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.app.ApiClient.Answer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.io.ByteArrayInputStream;
import java.util.UUID;

/** Environments through the real API on PostgreSQL: the happy path and every kind of bad input. */
class EnvironmentApiTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static ApiClient api;
    private String team;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        api = server.root();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshTeam() {
        team = server.createTeam("team-" + UUID.randomUUID());
    }

    private String environments() {
        return "/api/teams/" + team + "/environments";
    }

    private String createdId(String name) {
        return server.createEnvironment(api, team, name);
    }

    private static void assertError(Answer answer, int status, String title) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("title").asText()).isEqualTo(title);
        assertThat(answer.json().get("detail").asText()).isNotBlank();
    }

    private long environmentCount() {
        var items = api.get("/api/environments").json().get("items");
        long count = 0;
        for (var item : items) {
            if (item.get("teamId").asText().equals(team)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void healthAndReadinessArePublic() {
        Answer health = server.anonymous.get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        Answer ready = server.anonymous.get("/api/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks").get("database").asText()).isEqualTo("UP");
    }

    @Test
    void environmentLifecycle_createListGetPatchDelete() {
        Answer created = api.postJson(environments(), ApiClient.json("name", "production", "description", "main fleet"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/environments/" + id);
        assertThat(created.json().get("teamId").asText()).isEqualTo(team);

        assertThat(api.get("/api/environments/" + id).json().get("description").asText()).isEqualTo("main fleet");
        Answer patched = api.patchJson("/api/environments/" + id, "{\"name\":\"prod\"}");
        assertThat(patched.json().get("name").asText()).isEqualTo("prod");
        assertThat(patched.json().get("description").asText()).isEqualTo("main fleet");
        assertThat(api.patchJson("/api/environments/" + id, "{\"description\":null}").json().get("description").asText()).isEmpty();

        assertThat(api.delete("/api/environments/" + id).status()).isEqualTo(204);
        assertError(api.get("/api/environments/" + id), 404, "Not Found");

        Answer audit = api.get("/api/audit?entityId=" + id);
        assertThat(audit.json().get("items").findValuesAsText("action"))
                .containsExactly("environment.delete", "environment.update", "environment.update", "environment.create");
        assertThat(audit.json().get("items").get(0).get("actor").asText()).isEqualTo("user:" + TestServer.ROOT_EMAIL);
        assertThat(audit.json().get("items").get(3).get("changes").get("name").get("new").asText()).isEqualTo("production");

        Answer csv = api.get("/api/audit/export?format=csv&entityId=" + id);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(5).first().asString().startsWith("sequence,occurredAt,actor");
        Answer json = api.get("/api/audit/export?format=json&entityId=" + id);
        assertThat(json.json().isArray()).isTrue();
        assertThat(json.json()).hasSize(4);
        assertThat(api.get("/api/audit/export?format=xml").status()).isEqualTo(400);
        assertThat(api.get("/api/audit?from=yesterday").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":\"line\\nbreak\"}", "{\"name\":\"nul\\u0000\"}",
            "{\"name\":5}", "{\"name\":null}", "{}", "{\"description\":\"no name\"}"})
    void givenInvalidName_createAnswers400WithTheNameProblemAndStoresNothing(String body) {
        Answer answer = api.postJson(environments(), body);

        assertError(answer, 400, "Validation Failed");
        assertThat(answer.json().get("problems").findValuesAsText("field")).contains("name");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenNameOf101Characters_createIs400() {
        Answer answer = api.postJson(environments(), "{\"name\":\"" + "x".repeat(101) + "\"}");

        assertError(answer, 400, "Validation Failed");
        assertThat(answer.json().get("problems").get(0).get("message").asText()).contains("at most 100 characters");
    }

    @Test
    void givenSeveralInvalidFields_everyProblemIsListed() {
        Answer answer = api.postJson(environments(), "{\"name\":\"\",\"description\":7,\"colour\":\"red\"}");

        assertError(answer, 400, "Validation Failed");
        assertThat(answer.json().get("problems").findValuesAsText("field")).containsExactlyInAnyOrder("name", "description", "colour");
    }

    @Test
    void givenDuplicateNameInAnyCase_createIs409AndStoresNothing() {
        createdId("production");

        Answer answer = api.postJson(environments(), "{\"name\":\"PRODUCTION\"}");

        assertError(answer, 409, "Conflict");
        assertThat(answer.json().get("problems").get(0).get("field").asText()).isEqualTo("name");
        assertThat(environmentCount()).isEqualTo(1);
    }

    @Test
    void givenRenameToAnotherEnvironmentsName_patchIs409AndChangesNothing() {
        createdId("production");
        String staging = createdId("staging");

        assertError(api.patchJson("/api/environments/" + staging, "{\"name\":\"production\",\"description\":\"x\"}"), 409, "Conflict");
        Answer unchanged = api.get("/api/environments/" + staging);
        assertThat(unchanged.json().get("name").asText()).isEqualTo("staging");
        assertThat(unchanged.json().get("description").asText()).isEmpty();
    }

    @Test
    void givenUnknownOrMalformedId_getPatchDeleteAre404() {
        String unknown = "/api/environments/4b1c6b4e-8a38-4d3e-9f4a-1c2d3e4f5a6b";
        assertError(api.get(unknown), 404, "Not Found");
        assertError(api.patchJson(unknown, "{\"name\":\"x\"}"), 404, "Not Found");
        assertError(api.delete(unknown), 404, "Not Found");
        assertError(api.get("/api/environments/not-a-uuid"), 404, "Not Found");
        assertError(api.postJson("/api/teams/not-a-uuid/environments", "{\"name\":\"x\"}"), 404, "Not Found");
    }

    @Test
    void givenMalformedJson_is400AndStoresNothing() {
        Answer answer = api.postJson(environments(), "{\"name\": \"prod\"");

        assertError(answer, 400, "Bad Request");
        assertThat(answer.json().get("detail").asText()).startsWith("Malformed JSON");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenJsonThatIsNotAnObject_is400() {
        assertError(api.postJson(environments(), "[\"prod\"]"), 400, "Bad Request");
        assertError(api.postJson(environments(), ""), 400, "Bad Request");
    }

    @Test
    void givenWrongContentType_is415AndStoresNothing() {
        Answer answer = api.send(api.request(environments()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"prod\"}")));

        assertError(answer, 415, "Unsupported Media Type");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenBodyOverTheLimit_is413AndStoresNothing() {
        String big = "{\"name\":\"prod\",\"description\":\"" + "x".repeat(1_048_576) + "\"}";

        // as curl does for large bodies: the client waits for "100 Continue" before it sends the body, so the early 413
        // cannot be lost to a connection reset while the client is still writing
        Answer answer = api.send(api.request(environments()).header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(big)));

        assertError(answer, 413, "Content Too Large");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenChunkedBodyOverTheLimit_is413() {
        byte[] big = ("{\"name\":\"prod\",\"description\":\"" + "x".repeat(1_048_576) + "\"}").getBytes();
        Answer answer = api.send(api.request(environments()).header("Content-Type", "application/json")
                // a publisher of unknown length makes the client send chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertError(answer, 413, "Content Too Large");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenUnknownApiPath_isJson404() {
        assertError(api.get("/api/nothing-here"), 404, "Not Found");
        assertError(api.postJson("/api/nothing-here", "{}"), 404, "Not Found");
    }

    @Test
    void sqlMetacharactersAndScriptTagsAreStoredAsGivenAndReturnedAsData() {
        String name = "x'); drop table environments; --";
        String description = "<script>alert('x')</script> \" OR 1=1 --";
        Answer created = api.postJson(environments(), ApiClient.json("name", name, "description", description));
        assertThat(created.status()).isEqualTo(201);

        Answer read = api.get("/api/environments/" + created.json().get("id").asText());
        assertThat(read.contentType()).startsWith("application/json");
        assertThat(read.json().get("name").asText()).isEqualTo(name);
        assertThat(read.json().get("description").asText()).isEqualTo(description);
        assertThat(api.get("/api/environments").status()).isEqualTo(200);
    }

    @Test
    void emptyPatchChangesNothing() {
        String id = createdId("stable");
        Answer before = api.get("/api/environments/" + id);

        Answer answer = api.patchJson("/api/environments/" + id, "{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(before.json());
    }
}
