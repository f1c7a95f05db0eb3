package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one PostgreSQL: a preview requested through one is read, fetched and answered through the other. */
class PreviewServersTest {

    private static final Map<String, String> SETTINGS = Map.of("VF_MASTER_KEY", "0".repeat(64));

    @Test
    void givenTwoServers_aPreviewRequestedOnOne_isReadFetchedAndAnsweredOnTheOther(@TempDir Path dataA, @TempDir Path dataB) {
        DatabaseSettings database = TestDatabases.freshDatabase();
        try (TestServer a = TestServer.startOn(database, dataA, SETTINGS);
             TestServer b = TestServer.startOn(database, dataB, SETTINGS)) {
            ApiClient adminOnA = a.root();
            ApiClient adminOnB = b.anonymous.signIn(TestServer.ROOT_EMAIL, TestServer.PASSWORD);
            String env = a.createEnvironment(adminOnA, a.createTeam("previews"), "shared");
            String token = adminOnA.postJson("/api/environments/" + env + "/enrollment-tokens", "{}").json().get("token").asText();
            JsonNode enrolled = b.anonymous.postJson("/api/agent/enroll", ApiClient.json("token", token, "hostname", "b-node")).json();
            ApiClient agentOnB = b.anonymous.withBearer(enrolled.get("nodeToken").asText());
            String nodeId = enrolled.get("nodeId").asText();
            String pipeline = adminOnA.postJson("/api/environments/" + env + "/pipelines",
                    "{\"name\":\"previewed\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}").json().get("id").asText();
            adminOnA.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "v1"));
            // sample events of the source, taken through A and answered to B
            String sample = adminOnA.postJson("/api/nodes/" + nodeId + "/samples",
                    "{\"pipelineId\":\"" + pipeline + "\",\"componentKeys\":[\"app_logs\"],\"limit\":3}").json().get("requestId").asText();
            ApiClient.Answer sampled = agentOnB.postJson("/api/agent/heartbeat", """
                    {"agentVersion": "1.0.0", "sampleResults": [{"requestId": "%s", "componentKey": "app_logs", "events": [{"message": "hi"}]}]}"""
                    .formatted(sample));
            assertThat(sampled.status()).as(sampled.body()).isEqualTo(200);
            b.app.services().telemetryWriter.flush();

            ApiClient.Answer started = adminOnA.postJson("/api/pipelines/" + pipeline + "/previews",
                    "{\"nodeId\":\"" + nodeId + "\",\"against\":1}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String previewId = started.json().get("previewId").asText();

            ApiClient.Answer onB = adminOnB.get("/api/pipelines/" + pipeline + "/previews/" + previewId);
            assertThat(onB.status()).as(onB.body()).isEqualTo(200);
            assertThat(onB.json().get("state").asText()).isEqualTo("PENDING");
            ApiClient.Answer job = agentOnB.postJson("/api/agent/preview", ApiClient.json("requestId", previewId));
            assertThat(job.status()).as(job.body()).isEqualTo(200);
            assertThat(job.json().get("requestId").asText()).isEqualTo(previewId);
            assertThat(job.json().get("eventsNdjson").asText()).contains("\"message\":\"hi\"");

            String wrote = "{\"sinkId\": \"out\", \"events\": \"{\\\"message\\\":\\\"HI\\\",\\\"vf_preview_seq\\\":0}\\n\", \"cut\": false}";
            ApiClient.Answer answered = agentOnB.postJson("/api/agent/preview-result", """
                    {"requestId": "%s", "baseline": {"log": "started", "sinks": [%s]}, "draft": {"log": "started", "sinks": [%s]}}"""
                    .formatted(previewId, wrote, wrote));
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
            JsonNode done = adminOnA.get("/api/pipelines/" + pipeline + "/previews/" + previewId).json();
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("sinks").get(0).get("sinkId").asText()).isEqualTo("out");
            assertThat(done.get("sinks").get(0).get("unchanged").asBoolean()).isTrue();
        }
    }
}
