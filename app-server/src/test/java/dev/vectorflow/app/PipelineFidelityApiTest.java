package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.app.ApiClient.Answer;
import dev.vectorflow.standin.ConfigFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.UUID;

/**
 * Fidelity to Vector through the real API, with the Vector stand-in as the server's {@code vector} binary: big
 * imports, unit tests run by the publish check and kept in versions and diffs, the file's own secret backends, and
 * the environment variables a deploy needs.
 */
class PipelineFidelityApiTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static ApiClient editor;
    private static String team;
    private String environment;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of("VF_VECTOR_BIN", AgentProcess.standin().toString()));
        team = server.createTeam("fidelity");
        editor = server.user("fidelity-editor@example.com", team, "EDITOR");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshEnvironment() {
        environment = server.createEnvironment(server.root(), team, "env-" + UUID.randomUUID());
    }

    private Answer importConfig(String name, String config) {
        return editor.postJson("/api/environments/" + environment + "/pipelines/import", ApiClient.json("name", name, "config", config));
    }

    private String imported(String name, String config) {
        Answer answer = importConfig(name, config);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("pipeline").get("id").asText();
    }

    @Test
    void aFiveMegabyteConfig_isImported_andItsDraftSavedBack_butNothingBeyondEightMebibytes() {
        String config = ConfigFixtures.remapChain(4000);
        assertThat(config.length()).isGreaterThan(5_000_000);

        Answer answer = importConfig("big", config);

        assertThat(answer.status()).as(answer.body().substring(0, Math.min(500, answer.body().length()))).isEqualTo(201);
        assertThat(answer.json().get("pipeline").get("components").asInt()).isEqualTo(4002);
        String id = answer.json().get("pipeline").get("id").asText();
        String graph = answer.json().get("pipeline").get("graph").toString();
        assertThat(graph.length()).isGreaterThan(5_000_000);
        assertThat(editor.putJson("/api/pipelines/" + id + "/graph", graph).status()).isEqualTo(200);
        Answer tooBig = importConfig("bigger", config + "# " + "x".repeat(4 * 1024 * 1024) + "\n");
        assertThat(tooBig.status()).isEqualTo(413);
    }

    @Test
    void unitTests_runInThePublishCheck_andStayInVersionsAndDiffs() {
        String id = imported("tested", ConfigFixtures.withUnitTests("marks events as parsed", "true"));

        Answer v1 = editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "with tests"));
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        assertThat(v1.json().get("checkedByVector").asBoolean()).isTrue();
        assertThat(editor.get("/api/pipelines/" + id + "/versions/1").json().get("configYaml").asText())
                .contains("tests:\n  - inputs:\n").contains("name: marks events as parsed");

        JsonNode draft = editor.get("/api/pipelines/" + id).json().get("graph");
        String failing = draft.toString().replace("\"source\":\"true\"", "\"source\":\"false\"");
        assertThat(failing).isNotEqualTo(draft.toString());
        assertThat(editor.putJson("/api/pipelines/" + id + "/graph", failing).status()).isEqualTo(200);
        Answer refused = editor.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "a failing test"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("unit test 'marks events as parsed' failed");

        String renamed = draft.toString().replace("marks events as parsed", "marks every event as parsed");
        assertThat(editor.putJson("/api/pipelines/" + id + "/graph", renamed).status()).isEqualTo(200);
        assertThat(editor.postJson("/api/pipelines/" + id + "/versions", "{}").status()).isEqualTo(201);
        Answer diff = editor.get("/api/pipelines/" + id + "/diff?from=1&to=2");
        assertThat(diff.body()).contains("tests[0].name");
        assertThat(diff.json().get("yamlDiff").asText()).contains("-    name: marks events as parsed")
                .contains("+    name: marks every event as parsed");
    }

    @Test
    void theFilesOwnSecretBackends_areKept_andTheirReferencesNeedNoSecretOfTheEnvironment() {
        String id = imported("vaulted", """
                secret:
                  vault:
                    type: exec
                    command: [/usr/local/bin/vault-secrets]
                sources:
                  in: {type: demo_logs, format: json}
                sinks:
                  out:
                    type: splunk_hec_logs
                    inputs: [in]
                    endpoint: https://splunk:8088
                    default_token: SECRET[vault.splunk_token]
                    encoding:
                      codec: json
                """);

        assertThat(editor.postJson("/api/pipelines/" + id + "/validate", "{}").json().get("valid").asBoolean()).isTrue();
        Answer published = editor.postJson("/api/pipelines/" + id + "/versions", "{}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(editor.get("/api/pipelines/" + id + "/versions/1").json().get("configYaml").asText())
                .contains("default_token: SECRET[vault.splunk_token]").contains("secret:\n  vault:\n");
    }

    @Test
    void aDeploy_namesTheEnvironmentVariablesItsVersionNeeds() {
        String id = imported("from-env", """
                sources:
                  in:
                    type: demo_logs
                    format: json
                    interval: ${DEMO_INTERVAL:-1.0}
                sinks:
                  out:
                    type: http
                    inputs: [in]
                    uri: https://${COLLECTOR}/ingest
                    encoding:
                      codec: json
                """);

        Answer published = editor.postJson("/api/pipelines/" + id + "/versions", "{}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.json().get("checkedByVector").asBoolean()).isFalse();
        assertThat(published.body()).contains("it needs the environment variables COLLECTOR, DEMO_INTERVAL of the nodes");
        assertThat(editor.get("/api/pipelines/" + id + "/config?format=yaml").body())
                .startsWith("# vectorflow: needs environment variables (Vector runs with --dangerously-allow-env-var-interpolation):"
                        + " COLLECTOR, DEMO_INTERVAL\n");

        Answer deployed = editor.postJson("/api/pipelines/" + id + "/deployments", "{\"version\":1}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.json().get("environmentVariables").toString()).isEqualTo("[\"COLLECTOR\",\"DEMO_INTERVAL\"]");
        assertThat(editor.get("/api/pipelines/" + id + "/deployments").json().get("current").get("environmentVariables").toString())
                .isEqualTo("[\"COLLECTOR\",\"DEMO_INTERVAL\"]");
    }
}
