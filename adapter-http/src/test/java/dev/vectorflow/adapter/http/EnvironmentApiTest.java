package dev.vectorflow.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.http.ApiClient.Answer;
import dev.vectorflow.ports.fake.InMemoryEnvironmentRepository;
import dev.vectorflow.ports.fake.InMemoryTransactions;
import dev.vectorflow.ports.fake.SequentialIdGenerator;
import dev.vectorflow.ports.service.environment.CreateEnvironmentService;
import dev.vectorflow.ports.service.environment.DeleteEnvironmentService;
import dev.vectorflow.ports.service.environment.EnvironmentQueryService;
import dev.vectorflow.ports.service.environment.UpdateEnvironmentService;
import dev.vectorflow.ports.service.system.ReadinessService;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentApiTest {

    private static final long LIMIT = 4096;

    private final AtomicReference<Optional<String>> databaseProblem = new AtomicReference<>(Optional.empty());
    private Javalin app;
    private ApiClient api;

    @BeforeEach
    void start() {
        InMemoryTransactions tx = new InMemoryTransactions();
        InMemoryEnvironmentRepository repo = tx.register(new InMemoryEnvironmentRepository());
        ApiServices services = new ApiServices(
                new ReadinessService(databaseProblem::get),
                new CreateEnvironmentService(tx, repo, new SequentialIdGenerator(), Clock.systemUTC()),
                new UpdateEnvironmentService(tx, repo, Clock.systemUTC()),
                new DeleteEnvironmentService(tx, repo),
                new EnvironmentQueryService(tx, repo));
        app = HttpApi.create(new HttpSettings("127.0.0.1", 0, LIMIT, Duration.ofSeconds(5), "9.9.9-test"), services).start();
        api = new ApiClient("http://127.0.0.1:" + app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private String createdId(String name) {
        Answer answer = api.postJson("/api/environments", "{\"name\":\"" + name + "\"}");
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    private void assertError(Answer answer, int status, String title) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("title").asText()).isEqualTo(title);
        assertThat(answer.json().get("detail").asText()).isNotBlank();
    }

    private int environmentCount() {
        return api.get("/api/environments").json().get("items").size();
    }

    @Test
    void healthAnswersTheVersion() {
        Answer health = api.get("/api/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("version").asText()).isEqualTo("9.9.9-test");
    }

    @Test
    void readyIs200WhenTheDatabaseAnswersAnd503WhenNot() {
        Answer ready = api.get("/api/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks").get("database").asText()).isEqualTo("UP");

        databaseProblem.set(Optional.of("connection refused"));
        Answer down = api.get("/api/ready");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("ready").asBoolean()).isFalse();
        assertThat(down.json().get("checks").get("database").asText()).isEqualTo("DOWN: connection refused");
    }

    @Test
    void environmentLifecycle_createListGetPatchDelete() {
        Answer created = api.postJson("/api/environments", "{\"name\":\"production\",\"description\":\"main fleet\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/environments/" + id);
        assertThat(created.json().get("createdAt").asText()).endsWith("Z");

        assertThat(api.get("/api/environments").json().get("items").get(0).get("name").asText()).isEqualTo("production");
        assertThat(api.get("/api/environments/" + id).json().get("description").asText()).isEqualTo("main fleet");

        Answer patched = api.patchJson("/api/environments/" + id, "{\"name\":\"prod\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("prod");
        assertThat(patched.json().get("description").asText()).isEqualTo("main fleet");

        Answer cleared = api.patchJson("/api/environments/" + id, "{\"description\":null}");
        assertThat(cleared.json().get("description").asText()).isEmpty();

        assertThat(api.delete("/api/environments/" + id).status()).isEqualTo(204);
        assertError(api.get("/api/environments/" + id), 404, "Not Found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":\"line\\nbreak\"}", "{\"name\":\"nul\\u0000\"}",
            "{\"name\":5}", "{\"name\":null}", "{}", "{\"description\":\"no name\"}"})
    void givenInvalidName_createAnswers400WithTheNameProblemAndStoresNothing(String body) {
        Answer answer = api.postJson("/api/environments", body);

        assertError(answer, 400, "Validation Failed");
        assertThat(answer.json().get("problems").findValuesAsText("field")).contains("name");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenNameOf101Characters_createIs400() {
        Answer answer = api.postJson("/api/environments", "{\"name\":\"" + "x".repeat(101) + "\"}");

        assertError(answer, 400, "Validation Failed");
        assertThat(answer.json().get("problems").get(0).get("message").asText()).contains("at most 100 characters");
    }

    @Test
    void givenSeveralInvalidFields_everyProblemIsListed() {
        Answer answer = api.postJson("/api/environments", "{\"name\":\"\",\"description\":7,\"colour\":\"red\"}");

        assertError(answer, 400, "Validation Failed");
        assertThat(answer.json().get("problems").findValuesAsText("field")).containsExactlyInAnyOrder("name", "description", "colour");
    }

    @Test
    void givenDuplicateNameInAnyCase_createIs409AndStoresNothing() {
        createdId("production");

        Answer answer = api.postJson("/api/environments", "{\"name\":\"PRODUCTION\"}");

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
    }

    @Test
    void givenMalformedJson_is400AndStoresNothing() {
        Answer answer = api.postJson("/api/environments", "{\"name\": \"prod\"");

        assertError(answer, 400, "Bad Request");
        assertThat(answer.json().get("detail").asText()).startsWith("Malformed JSON");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenJsonThatIsNotAnObject_is400() {
        assertError(api.postJson("/api/environments", "[\"prod\"]"), 400, "Bad Request");
        assertError(api.postJson("/api/environments", ""), 400, "Bad Request");
    }

    @Test
    void givenWrongContentType_is415AndStoresNothing() {
        Answer answer = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/environments"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"prod\"}")));

        assertError(answer, 415, "Unsupported Media Type");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenBodyOverTheLimit_is413AndStoresNothing() {
        String big = "{\"name\":\"prod\",\"description\":\"" + "x".repeat((int) LIMIT) + "\"}";

        assertError(api.postJson("/api/environments", big), 413, "Content Too Large");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenChunkedBodyOverTheLimit_is413() {
        byte[] big = ("{\"name\":\"prod\",\"description\":\"" + "x".repeat((int) LIMIT) + "\"}").getBytes();
        Answer answer = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/environments"))
                .header("Content-Type", "application/json")
                // a publisher of unknown length makes the client send chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));

        assertError(answer, 413, "Content Too Large");
        assertThat(environmentCount()).isZero();
    }

    @Test
    void givenUnknownApiPath_isJson404() {
        assertError(api.get("/api/nothing-here"), 404, "Not Found");
        assertError(api.postJson("/api/nothing-here", "{}"), 404, "Not Found");
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
