package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet dashboard of an environment and a node's agent version history, driven through the API with agents
 * simulated by their heartbeats: counts by status, live rates, the chart from stored rollups, the attention list
 * (most urgent first, capped with its total), stale agents and update progress.
 */
class FleetOverviewApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static ApiClient admin;
    static String teamId;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of("VF_ENROLL_RATE_LIMIT", "1000", "VF_AGENT_RATE_LIMIT", "1000"));
        admin = server.root();
        teamId = server.createTeam("overview-team");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String envId, int maxUses) {
        ApiClient.Answer created = admin.postJson("/api/environments/" + envId + "/enrollment-tokens", "{\"maxUses\":" + maxUses + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("token").asText();
    }

    /** Enrolls a node as an agent of {@code version} would; answers its node id and an API client holding its node token. */
    private static Agent enroll(String token, String hostname, String version) {
        ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token + "\",\"hostname\":\"" + hostname
                + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"" + version + "\",\"vectorVersion\":\"vector 0.57.0\",\"labels\":{}}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        return new Agent(enrolled.json().get("nodeId").asText(), server.anonymous.withBearer(enrolled.json().get("nodeToken").asText()));
    }

    private record Agent(String nodeId, ApiClient client) {
        void heartbeat(String version, String pipelinesJson) {
            ApiClient.Answer beat = client.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"" + version
                    + "\",\"vectorVersion\":\"vector 0.57.0\",\"deploymentMode\":\"STANDALONE\",\"pipelines\":[" + pipelinesJson + "]}");
            assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        }
    }

    private static String pipeline(String envId, String name) {
        ApiClient.Answer created = admin.postJson("/api/environments/" + envId + "/pipelines",
                "{\"name\":\"" + name + "\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String run(String pipelineId, String status, long events, String error) {
        return "{\"pipelineId\":\"" + pipelineId + "\",\"version\":1,\"configChecksum\":\"abc\",\"status\":\"" + status + "\",\"pid\":7,"
                + "\"uptimeSeconds\":30,\"eventsIn\":" + events + ",\"eventsOut\":" + events + ",\"errorsTotal\":0,\"eventsDiscarded\":0,"
                + "\"error\":" + (error == null ? "null" : "\"" + error + "\"") + ",\"componentMetrics\":[]}";
    }

    private static JsonNode overview(String envId, String range) {
        ApiClient.Answer answer = admin.get("/api/environments/" + envId + "/fleet/overview?range=" + range);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> attention(JsonNode overview) {
        List<String> items = new ArrayList<>();
        overview.get("attention").get("items").forEach(i -> items.add(i.get("kind").asText() + " " + i.get("hostname").asText()));
        return items;
    }

    /** A per-minute rollup row of one component, {@code minutesAgo} whole minutes before now. */
    private static void rollup(String pipelineId, String component, String kind, int minutesAgo, long in, long out, long errors) {
        server.sql("insert into component_metrics_minute (pipeline_id, component_id, component_kind, at, events_in, events_out, bytes_in,"
                + " bytes_out, errors, discarded) values ('" + pipelineId + "', '" + component + "', '" + kind + "', date_trunc('minute', now())"
                + " - interval '" + minutesAgo + " minutes', " + in + ", " + out + ", 0, 0, " + errors + ", 0) returning 1");
    }

    @Test
    void givenNodesInEveryState_theOverviewCountsThem_listsWhatNeedsAttentionMostUrgentFirst_andFollowsAnUpdate() {
        String envId = server.createEnvironment(admin, teamId, "states");
        String web = pipeline(envId, "web");
        String token = token(envId, 10);
        Agent ok = enroll(token, "a-ok", "1.0.0");
        Agent loop = enroll(token, "b-loop", "1.0.0");
        Agent failed = enroll(token, "c-failed", "1.0.0");
        Agent old = enroll(token, "d-old", "0.9.0");
        Agent gone = enroll(token, "e-gone", "1.0.0");
        ok.heartbeat("1.0.0", run(web, "RUNNING", 100, null));
        loop.heartbeat("1.0.0", run(web, "CRASH_LOOP", 0, null));
        failed.heartbeat("1.0.0", run(web, "FAILED", 0, "vector validate: call to undefined function parse_jsn\\nsecond line"));
        old.heartbeat("0.9.0", "");
        ok.heartbeat("1.0.0", run(web, "RUNNING", 400, null));
        server.app.services().telemetryWriter.flush();
        server.sql("update nodes set status = 'UNREACHABLE', status_reason = 'no heartbeat for 45 s' where id = '" + gone.nodeId()
                + "' returning 1");
        // stored rollups of this environment's pipeline, and of another environment's (which must not count)
        rollup(web, "app_logs", "source", 5, 600, 600, 0);
        rollup(web, "parse", "transform", 5, 600, 594, 6);
        rollup(web, "out", "sink", 5, 594, 540, 0);
        String elsewhere = pipeline(server.createEnvironment(admin, teamId, "elsewhere"), "other");
        rollup(elsewhere, "app_logs", "source", 5, 60_000, 60_000, 0);

        JsonNode o = overview(envId, "1h");
        assertThat(o.get("range").asText()).isEqualTo("1h");
        assertThat(o.get("step").asLong()).isEqualTo(60);
        assertThat(o.get("nodes").get("total").asLong()).isEqualTo(5);
        assertThat(o.get("nodes").get("byStatus").toString()).isEqualTo("{\"HEALTHY\":2,\"DEGRADED\":2,\"UNREACHABLE\":1}");
        JsonNode runs = o.get("pipelines").get("runsByStatus");
        assertThat(runs.get("RUNNING").asLong()).isEqualTo(1);
        assertThat(runs.get("CRASH_LOOP").asLong()).isEqualTo(1);
        assertThat(runs.get("FAILED").asLong()).isEqualTo(1);
        assertThat(runs.get("STARTING").asLong()).isZero();
        assertThat(o.get("pipelines").get("defined").asInt()).isEqualTo(1);
        assertThat(o.get("pipelines").get("deployed").asInt()).isZero();
        // live: the second report of a-ok gave a rate; three nodes report the pipeline
        assertThat(o.get("live").get("eventsInPerSec").asDouble()).isGreaterThan(0);
        assertThat(o.get("live").get("nodesReporting").asInt()).isEqualTo(3);
        // the chart: 600 events in at the source and 540 out at the sink over one minute, 6 errors
        JsonNode point = o.get("series").get(0);
        assertThat(o.get("series")).hasSize(1);
        assertThat(point.get("eventsInPerSec").asDouble()).isEqualTo(10.0);
        assertThat(point.get("eventsOutPerSec").asDouble()).isEqualTo(9.0);
        assertThat(point.get("errorsPerSec").asDouble()).isEqualTo(0.1);
        // over 6 hours a point is 5 minutes, of which the rollups cover one: still 10/s, not 2/s
        assertThat(overview(envId, "6h").get("series").get(0).get("eventsInPerSec").asDouble()).isEqualTo(10.0);
        rollup(web, "app_logs", "source", 7, 1200, 1200, 0);
        rollup(web, "app_logs", "source", 8, 1200, 1200, 0);
        assertThat(overview(envId, "1h").get("series")).hasSize(3);
        // agents: 1.0.0 is what most run, so 0.9.0 is behind
        JsonNode agents = o.get("agents");
        assertThat(agents.get("majority").asText()).isEqualTo("1.0.0");
        assertThat(agents.get("target").asText()).isEqualTo("1.0.0");
        assertThat(agents.get("staleNodes").asLong()).isEqualTo(1);
        assertThat(agents.get("versions").get(0).toString()).isEqualTo("{\"version\":\"1.0.0\",\"nodes\":4}");
        // attention: unreachable, then failed and crash-looping pipelines, then degraded nodes, then the stale agent
        assertThat(o.get("attention").get("total").asLong()).isEqualTo(6);
        assertThat(attention(o)).containsExactly("NODE_UNREACHABLE e-gone", "PIPELINE_FAILED c-failed", "PIPELINE_CRASH_LOOP b-loop",
                "NODE_DEGRADED b-loop", "NODE_DEGRADED c-failed", "AGENT_STALE d-old");
        JsonNode failedItem = o.get("attention").get("items").get(1);
        assertThat(failedItem.get("pipelineId").asText()).isEqualTo(web);
        assertThat(failedItem.get("pipelineName").asText()).isEqualTo("web");
        assertThat(failedItem.get("nodeId").asText()).isEqualTo(failed.nodeId());
        assertThat(failedItem.get("reason").asText()).isEqualTo("vector validate: call to undefined function parse_jsn");
        assertThat(o.get("attention").get("items").get(5).get("reason").asText()).isEqualTo("agent 0.9.0 is older than 1.0.0");

        // a newer release makes every node behind it stale; an update to it is followed until the agent runs it
        String signature = Base64.getEncoder().encodeToString(new byte[64]);
        assertThat(admin.postJson("/api/agent-releases", ApiClient.json("version", "1.1.0", "downloadUrl", "https://downloads.example.com/a.jar",
                "checksum", "sha256:" + "a".repeat(64), "signature", signature)).status()).isEqualTo(201);
        assertThat(admin.postJson("/api/nodes/" + ok.nodeId() + "/update", "{\"version\":\"1.1.0\"}").status()).isEqualTo(202);
        o = overview(envId, "1h");
        assertThat(o.get("agents").get("target").asText()).isEqualTo("1.1.0");
        assertThat(o.get("agents").get("staleNodes").asLong()).isEqualTo(5);
        assertThat(o.get("attention").get("total").asLong()).isEqualTo(7);
        assertThat(attention(o)).endsWith("AGENT_STALE a-ok", "AGENT_STALE d-old");
        assertThat(o.get("updates").get(0).toString()).contains("\"version\":\"1.1.0\",\"pending\":1,\"succeeded\":0,\"failed\":0");
        ok.heartbeat("1.1.0", run(web, "RUNNING", 500, null));
        server.app.services().telemetryWriter.flush();
        o = overview(envId, "1h");
        assertThat(o.get("updates").get(0).toString()).contains("\"version\":\"1.1.0\",\"pending\":0,\"succeeded\":1,\"failed\":0");
        assertThat(o.get("agents").get("staleNodes").asLong()).isEqualTo(4);
        assertThat(attention(o)).doesNotContain("AGENT_STALE a-ok");
    }

    @Test
    void givenMoreNodesNeedingAttentionThanTheListHolds_theOverviewListsFiftyAndCountsThemAll() {
        String envId = server.createEnvironment(admin, teamId, "many");
        String token = token(envId, 60);
        for (int i = 0; i < 60; i++) {
            enroll(token, String.format("host-%02d", i), "1.0.0");
        }
        server.sql("update nodes set status = 'UNREACHABLE', status_reason = 'silent' where environment_id = '" + envId + "' returning 1");
        JsonNode o = overview(envId, "15m");
        assertThat(o.get("nodes").get("byStatus").get("UNREACHABLE").asLong()).isEqualTo(60);
        assertThat(o.get("attention").get("total").asLong()).isEqualTo(60);
        assertThat(o.get("attention").get("limit").asInt()).isEqualTo(50);
        assertThat(o.get("attention").get("items")).hasSize(50);
        assertThat(attention(o).getFirst()).isEqualTo("NODE_UNREACHABLE host-00");
        assertThat(o.get("series")).isEmpty();
    }

    @Test
    void givenAnAgentThatChangesItsVersion_theNodeKeepsItsVersionHistory_newestFirst() {
        String envId = server.createEnvironment(admin, teamId, "history");
        Agent agent = enroll(token(envId, 1), "updated-host", "1.0.0");
        agent.heartbeat("1.0.0", "");
        agent.heartbeat("1.1.0", "");
        server.app.services().telemetryWriter.flush();
        agent.heartbeat("1.1.0", "");
        server.app.services().telemetryWriter.flush();
        JsonNode history = admin.get("/api/nodes/" + agent.nodeId() + "/agent-versions").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("version").asText()).isEqualTo("1.1.0");
        assertThat(history.get(0).get("previousVersion").asText()).isEqualTo("1.0.0");
        assertThat(history.get(1).get("version").asText()).isEqualTo("1.0.0");
        assertThat(history.get(1).has("previousVersion")).isFalse();

        // re-enrolled by an agent of another version: that joins the history too
        String reenroll = admin.postJson("/api/nodes/" + agent.nodeId() + "/re-enroll", "{}").json().get("token").asText();
        Agent again = enroll(reenroll, "updated-host", "1.2.0");
        assertThat(again.nodeId()).isEqualTo(agent.nodeId());
        history = admin.get("/api/nodes/" + agent.nodeId() + "/agent-versions").json();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("version").asText()).isEqualTo("1.2.0");
        assertThat(history.get(0).get("previousVersion").asText()).isEqualTo("1.1.0");
    }

    @Test
    void givenBadInput_theOverviewRefusesItClearly() {
        String envId = server.createEnvironment(admin, teamId, "refusals");
        ApiClient.Answer badRange = admin.get("/api/environments/" + envId + "/fleet/overview?range=2y");
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.json().get("problems").get(0).get("field").asText()).isEqualTo("range");
        assertThat(badRange.json().get("problems").get(0).get("message").asText()).contains("15m, 1h, 6h, 24h, 7d");
        assertThat(admin.get("/api/environments/0190a0a0-0000-7000-8000-000000000000/fleet/overview").status()).isEqualTo(404);
        assertThat(admin.get("/api/nodes/0190a0a0-0000-7000-8000-000000000000/agent-versions").status()).isEqualTo(404);
        JsonNode empty = overview(envId, "7d");
        assertThat(empty.get("nodes").get("total").asLong()).isZero();
        assertThat(empty.get("attention").get("items")).isEmpty();
        assertThat(empty.get("agents").get("staleNodes").asLong()).isZero();
    }
}
