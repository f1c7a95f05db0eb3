package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.ports.contract.AgentProtocolExamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.net.http.HttpRequest;
import java.util.HashMap;

/**
 * The agent half of protocol v1 driven the way an agent (or curl) drives it: enroll, heartbeat, deploy, config,
 * report, undeploy; token revocation, replayed and hostile input.
 */
class AgentApiTest {

    @TempDir
    static Path dataDir;
    static TestServer server;
    static ApiClient admin;
    static String teamId;
    static String envId;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of("VF_AGENT_RATE_LIMIT", "60"));
        admin = server.root();
        teamId = server.createTeam("fleet-team");
        envId = server.createEnvironment(admin, teamId, "production");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String enrollmentToken(String body) {
        ApiClient.Answer created = admin.postJson("/api/environments/" + envId + "/enrollment-tokens", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("token").asText();
    }

    static JsonNode enroll(String token, String hostname, String labels) {
        ApiClient.Answer enrolled = server.anonymous.postJson("/api/agent/enroll",
                "{\"token\":\"" + token + "\",\"hostname\":\"" + hostname + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\","
                        + "\"vectorVersion\":\"vector 0.57.0 (x86_64-unknown-linux-gnu)\",\"labels\":" + labels + "}");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        return enrolled.json();
    }

    static String pipeline(String name, String graph) {
        ApiClient.Answer created = admin.postJson("/api/environments/" + envId + "/pipelines",
                "{\"name\":\"" + name + "\",\"graph\":" + graph + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ApiClient.Answer published = admin.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "first"));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        return id;
    }

    static String report(String pipelineId, int version, String checksum, String status, long events) {
        return "{\"pipelineId\":\"" + pipelineId + "\",\"version\":" + version + ",\"configChecksum\":\"" + checksum + "\",\"status\":\""
                + status + "\",\"pid\":4242,\"uptimeSeconds\":30,\"eventsIn\":" + events + ",\"eventsOut\":" + events
                + ",\"bytesIn\":" + events * 100 + ",\"bytesOut\":" + events * 100 + ",\"errorsTotal\":0,\"eventsDiscarded\":0,"
                + "\"componentMetrics\":[{\"componentId\":\"app_logs\",\"componentKind\":\"source\",\"receivedEvents\":" + events
                + ",\"sentEvents\":" + events + "},{\"componentId\":\"out\",\"componentKind\":\"sink\",\"receivedEvents\":" + events
                + ",\"sentEvents\":" + events + "}]}";
    }

    static JsonNode heartbeat(ApiClient agent, String pipelinesJson) {
        ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1.0.0\",\"deploymentMode\":\"STANDALONE\","
                + "\"labels\":{\"role\":\"edge\"},\"pipelines\":[" + pipelinesJson + "]}");
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        return beat.json();
    }

    static List<String> types(JsonNode response) {
        List<String> types = new ArrayList<>();
        response.get("pendingActions").forEach(a -> types.add(a.get("type").asText()));
        return types;
    }

    @Test
    void givenEnrolledAgent_deployConfigReportUndeploy_walksTheWholeProtocol() {
        JsonNode enrolled = enroll(enrollmentToken("{\"name\":\"edge hosts\",\"labels\":{\"site\":\"walk\"}}"), "web-1", "{\"role\":\"edge\"}");
        assertThat(enrolled.get("nodeToken").asText()).matches("vf_node_[0-9a-f]{16}_[0-9a-f]{64}");
        assertThat(enrolled.get("environmentName").asText()).isEqualTo("production");
        assertThat(enrolled.get("pollIntervalMs").asLong()).isEqualTo(15000);
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        String nodeId = enrolled.get("nodeId").asText();

        // nothing deployed: nothing to do
        assertThat(types(heartbeat(agent, ""))).isEmpty();

        String pipelineId = pipeline("edge-logs", PipelineFixtures.SIMPLE_GRAPH);
        ApiClient.Answer deployed = admin.postJson("/api/pipelines/" + pipelineId + "/deployments",
                "{\"selector\":{\"role\":\"edge\",\"site\":\"walk\"}}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.json().get("matchedNodes").asInt()).isEqualTo(1);

        JsonNode beat = heartbeat(agent, "");
        JsonNode deploy = beat.get("pendingActions").get(0);
        assertThat(deploy.get("type").asText()).isEqualTo("deploy");
        assertThat(deploy.get("pipelineId").asText()).isEqualTo(pipelineId);
        assertThat(deploy.get("pipelineName").asText()).isEqualTo("edge-logs");
        assertThat(deploy.get("version").asInt()).isEqualTo(1);
        String checksum = deploy.get("checksum").asText();
        // the same target gets the same action id on the next heartbeat
        assertThat(heartbeat(agent, "").get("pendingActions").get(0).get("id").asText()).isEqualTo(deploy.get("id").asText());

        ApiClient.Answer config = agent.postJson("/api/agent/config", "{\"pipelineId\":\"" + pipelineId + "\"}");
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(config.json().get("checksum").asText()).isEqualTo(checksum);
        assertThat(config.json().get("configYaml").asText()).contains("type: file", "inputs:");
        ApiClient.Answer desired = agent.get("/api/agent/config");
        assertThat(desired.status()).isEqualTo(200);
        assertThat(desired.json().get("pipelines")).hasSize(1);
        assertThat(desired.json().get("pollIntervalMs").asLong()).isEqualTo(15000);

        // the agent runs it: in sync, nothing pending, node healthy with the pipeline RUNNING
        assertThat(types(heartbeat(agent, report(pipelineId, 1, checksum, "RUNNING", 100)))).isEmpty();
        server.app.services().telemetryWriter.flush();
        JsonNode node = admin.get("/api/nodes/" + nodeId).json();
        assertThat(node.get("status").asText()).isEqualTo("HEALTHY");
        assertThat(node.get("agentVersion").asText()).isEqualTo("1.0.0");
        assertThat(node.get("deploymentMode").asText()).isEqualTo("STANDALONE");
        assertThat(node.get("pipelines").get(0).get("status").asText()).isEqualTo("RUNNING");
        assertThat(node.get("pipelines").get(0).get("pipelineName").asText()).isEqualTo("edge-logs");
        JsonNode status = admin.get("/api/pipelines/" + pipelineId + "/deployments").json();
        assertThat(status.get("current").get("version").asInt()).isEqualTo(1);
        assertThat(status.get("nodes").get(0).get("inSync").asBoolean()).isTrue();

        // counters grow: the second report gives a rate
        heartbeat(agent, report(pipelineId, 1, checksum, "RUNNING", 400));
        JsonNode live = admin.get("/api/nodes/" + nodeId).json().get("pipelines").get(0);
        assertThat(live.get("eventsIn").asLong()).isEqualTo(400);
        assertThat(live.get("eventsInPerSec").asDouble()).isGreaterThan(0);
        JsonNode metrics = admin.get("/api/pipelines/" + pipelineId + "/metrics").json();
        assertThat(metrics.get("live").get("app_logs").get("eventsInPerSec").asDouble()).isGreaterThan(0);

        // a crash loop makes the node DEGRADED, with the transition recorded
        heartbeat(agent, report(pipelineId, 1, checksum, "CRASH_LOOP", 0));
        server.app.services().telemetryWriter.flush();
        node = admin.get("/api/nodes/" + nodeId).json();
        assertThat(node.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(node.get("statusReason").asText()).contains("edge-logs is CRASH_LOOP");
        assertThat(node.get("transitions").get(0).get("to").asText()).isEqualTo("DEGRADED");

        // undeploy: the agent is told to stop it, and the config is no longer served
        assertThat(admin.delete("/api/pipelines/" + pipelineId + "/deployments").status()).isEqualTo(204);
        JsonNode after = heartbeat(agent, report(pipelineId, 1, checksum, "RUNNING", 500));
        assertThat(types(after)).containsExactly("undeploy");
        assertThat(after.get("pendingActions").get(0).get("pipelineId").asText()).isEqualTo(pipelineId);
        assertThat(agent.postJson("/api/agent/config", "{\"pipelineId\":\"" + pipelineId + "\"}").status()).isEqualTo(404);
        assertThat(types(heartbeat(agent, ""))).isEmpty();

        assertThat(server.sql("select action from audit_log where action like 'pipeline.%deploy' or action like 'node.%'"
                + " or action like 'enrollment_token.%'"))
                .contains("enrollment_token.create", "node.enroll", "pipeline.deploy", "pipeline.undeploy");
    }

    @Test
    void givenSecretAndCertificate_configResolvesOnlyThatPipelinesReferences_andRotationChangesItsChecksumOnly() {
        ApiClient agent = server.anonymous.withBearer(enroll(enrollmentToken("{\"labels\":{\"tier\":\"secret\"}}"), "secrets-1", "{}").get("nodeToken").asText());
        assertThat(admin.postJson("/api/environments/" + envId + "/secrets", ApiClient.json("name", "api_token", "value", "first-value"))
                .status()).isEqualTo(201);
        assertThat(admin.postJson("/api/environments/" + envId + "/secrets", ApiClient.json("name", "other", "value", "other-value"))
                .status()).isEqualTo(201);
        TestCertificates.Pem pem = TestCertificates.selfSigned("edge.example.com", Duration.ofDays(365));
        ApiClient.Answer cert = admin.postJson("/api/environments/" + envId + "/certificates", ApiClient.json("name", "edge",
                "certificate", pem.certificate(), "privateKey", pem.privateKey()));
        assertThat(cert.status()).as(cert.body()).isEqualTo(201);
        String withSecret = pipeline("with-secret", """
                {"components":[
                  {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json"}},
                  {"key":"out","kind":"sink","type":"http","options":{"uri":"https://logs.example.com","encoding":{"codec":"json"},
                    "auth":{"strategy":"bearer","token":"SECRET[api_token]"},"tls":{"crt_file":"CERT[edge]","key_file":"CERT[edge]"}}}],
                 "edges":[{"from":"demo","to":"out"}]}""");
        String plain = pipeline("plain", PipelineFixtures.SIMPLE_GRAPH);
        for (String p : List.of(withSecret, plain)) {
            assertThat(admin.postJson("/api/pipelines/" + p + "/deployments", "{\"selector\":{\"tier\":\"secret\"}}").status()).isEqualTo(201);
        }
        JsonNode config = agent.postJson("/api/agent/config", "{\"pipelineId\":\"" + withSecret + "\"}").json();
        assertThat(config.get("configYaml").asText()).contains("SECRET[vectorflow.api_token]", "crt_file: certs/edge.crt",
                "key_file: certs/edge.key").doesNotContain("first-value", "CERT[");
        assertThat(config.get("secrets").get("api_token").asText()).isEqualTo("first-value");
        assertThat(config.get("secrets").has("other")).isFalse();
        assertThat(config.get("certFiles")).hasSize(2);
        String delivered = new String(Base64.getDecoder().decode(config.get("certFiles").get(0).get("data").asText()), StandardCharsets.UTF_8);
        assertThat(delivered).contains("-----BEGIN");
        Map<String, String> before = checksums(heartbeat(agent, ""));

        assertThat(admin.patchJson("/api/environments/" + envId + "/secrets/api_token", ApiClient.json("value", "second-value")).status())
                .isEqualTo(200);
        Map<String, String> after = checksums(heartbeat(agent, ""));
        assertThat(after.get(withSecret)).isNotEqualTo(before.get(withSecret));
        assertThat(after.get(plain)).isEqualTo(before.get(plain));
        assertThat(agent.postJson("/api/agent/config", "{\"pipelineId\":\"" + withSecret + "\"}").json().get("secrets").get("api_token")
                .asText()).isEqualTo("second-value");
        for (String p : List.of(withSecret, plain)) {
            admin.delete("/api/pipelines/" + p + "/deployments");
        }
    }

    static Map<String, String> checksums(JsonNode heartbeat) {
        Map<String, String> checksums = new HashMap<>();
        heartbeat.get("pendingActions").forEach(a -> {
            if (a.get("type").asText().equals("deploy")) {
                checksums.put(a.get("pipelineId").asText(), a.get("checksum").asText());
            }
        });
        return checksums;
    }

    @Test
    void givenLabelsAndMaintenance_desiredStateFollowsAtOnce_andUserLabelsWin() {
        JsonNode enrolled = enroll(enrollmentToken("{\"labels\":{\"zone\":\"a\"}}"), "label-1", "{\"role\":\"db\"}");
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        String nodeId = enrolled.get("nodeId").asText();
        String pipelineId = pipeline("zone-b-only", PipelineFixtures.SIMPLE_GRAPH);
        assertThat(admin.postJson("/api/pipelines/" + pipelineId + "/deployments", "{\"selector\":{\"zone\":\"b\"}}").status()).isEqualTo(201);
        ApiClient.Answer preview = admin.get("/api/environments/" + envId + "/nodes/match?selector=zone=b");
        assertThat(preview.json().get("count").asInt()).isZero();
        assertThat(checksums(labelled(agent))).doesNotContainKey(pipelineId);

        ApiClient.Answer relabel = admin.putJson("/api/nodes/" + nodeId + "/labels", "{\"labels\":{\"zone\":\"b\"}}");
        assertThat(relabel.status()).as(relabel.body()).isEqualTo(200);
        assertThat(relabel.json().get("labels").get("zone").asText()).isEqualTo("b");
        assertThat(admin.get("/api/environments/" + envId + "/nodes/match?selector=zone=b").json().get("nodes").get(0).get("hostname").asText())
                .isEqualTo("label-1");
        assertThat(checksums(labelled(agent))).containsKey(pipelineId);

        assertThat(admin.putJson("/api/nodes/" + nodeId + "/maintenance", "{\"enabled\":true}").json().get("maintenance").asBoolean()).isTrue();
        assertThat(checksums(labelled(agent))).isEmpty();
        assertThat(admin.putJson("/api/nodes/" + nodeId + "/maintenance", "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(checksums(labelled(agent))).containsKey(pipelineId);
        assertThat(admin.get("/api/environments/" + envId + "/nodes?label=zone=b").json().get("nodes")).hasSize(1);
        admin.delete("/api/pipelines/" + pipelineId + "/deployments");
    }

    private static JsonNode labelled(ApiClient agent) {
        ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat", "{\"labels\":{\"zone\":\"a\",\"role\":\"db\"}}");
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        return beat.json();
    }

    @Test
    void givenUnknownExpiredRevokedOrUsedTokens_enrollIs401_andNoNodeIsMade() {
        String before = server.sql("select count(*) from nodes").getFirst();
        String single = enrollmentToken("{}");
        enroll(single, "once", "{}");
        String after = server.sql("select count(*) from nodes").getFirst();
        ApiClient.Answer replay = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + single + "\",\"hostname\":\"twice\"}");
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("error").asText()).contains("used up");
        assertThat(server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"vf_enroll_nope\",\"hostname\":\"x\"}").status()).isEqualTo(401);

        ApiClient.Answer created = admin.postJson("/api/environments/" + envId + "/enrollment-tokens", "{\"maxUses\":5}");
        String revoked = created.json().get("token").asText();
        assertThat(admin.delete("/api/environments/" + envId + "/enrollment-tokens/" + created.json().get("id").asText()).status()).isEqualTo(204);
        assertThat(server.anonymous.postJson("/api/agent/enroll", "{\"enrollmentToken\":\"" + revoked + "\",\"hostname\":\"x\"}").status())
                .isEqualTo(401);
        JsonNode listed = admin.get("/api/environments/" + envId + "/enrollment-tokens").json();
        assertThat(listed.findValuesAsText("state")).contains("REVOKED", "USED_UP");
        assertThat(listed.toString()).doesNotContain(single, revoked);

        server.sql("update enrollment_tokens set expires_at = now() - interval '1 minute', revoked_at = null where hint = '"
                + created.json().get("hint").asText() + "' returning id");
        assertThat(server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + revoked + "\",\"hostname\":\"x\"}").status()).isEqualTo(401);
        assertThat(server.sql("select count(*) from nodes").getFirst()).isEqualTo(after);
        assertThat(Integer.parseInt(after)).isEqualTo(Integer.parseInt(before) + 1);
        // bad input: 400 and nothing stored
        ApiClient.Answer bad = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + enrollmentToken("{}") + "\",\"hostname\":\"\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(server.sql("select count(*) from nodes").getFirst()).isEqualTo(after);
    }

    @Test
    void givenMultiUseToken_itEnrollsUpToItsLimit_withItsLabels() {
        String token = enrollmentToken("{\"maxUses\":2,\"labels\":{\"pool\":\"autoscale\"}}");
        JsonNode first = enroll(token, "asg-1", "{}");
        enroll(token, "asg-2", "{\"pool\":\"mine\"}");
        assertThat(server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + token + "\",\"hostname\":\"asg-3\"}").status()).isEqualTo(401);
        assertThat(admin.get("/api/nodes/" + first.get("nodeId").asText()).json().get("labels").get("pool").asText()).isEqualTo("autoscale");
    }

    @Test
    void givenRevokedOrDeletedNode_agentGets401_andReenrollKeepsTheNode() {
        JsonNode enrolled = enroll(enrollmentToken("{}"), "revoke-me", "{}");
        String nodeId = enrolled.get("nodeId").asText();
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        heartbeat(agent, "");
        assertThat(admin.delete("/api/nodes/" + nodeId + "/token").status()).isEqualTo(204);
        ApiClient.Answer refused = agent.postJson("/api/agent/heartbeat", "{}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).contains("re-enroll");
        assertThat(agent.get("/api/agent/config").status()).isEqualTo(401);

        ApiClient.Answer reenroll = admin.postJson("/api/nodes/" + nodeId + "/re-enroll", "{}");
        assertThat(reenroll.status()).as(reenroll.body()).isEqualTo(201);
        JsonNode again = enroll(reenroll.json().get("token").asText(), "revoke-me", "{}");
        assertThat(again.get("nodeId").asText()).isEqualTo(nodeId);
        ApiClient renewed = server.anonymous.withBearer(again.get("nodeToken").asText());
        heartbeat(renewed, "");
        assertThat(agent.postJson("/api/agent/heartbeat", "{}").status()).isEqualTo(401);

        assertThat(admin.delete("/api/nodes/" + nodeId).status()).isEqualTo(204);
        assertThat(renewed.postJson("/api/agent/heartbeat", "{}").status()).isEqualTo(401);
        assertThat(admin.get("/api/nodes/" + nodeId).status()).isEqualTo(404);
    }

    @Test
    void givenUserSessionOrApiToken_agentEndpointsRefuseThem() {
        assertThat(admin.postJson("/api/agent/heartbeat", "{}").status()).isEqualTo(401);
        assertThat(admin.get("/api/agent/config").status()).isEqualTo(401);
        ApiClient.Answer token = admin.postJson("/api/me/tokens", ApiClient.json("name", "ci"));
        ApiClient bearer = server.anonymous.withBearer(token.json().get("token").asText());
        assertThat(bearer.postJson("/api/agent/heartbeat", "{}").status()).isEqualTo(401);
        // and a node token is no user credential
        ApiClient agent = server.anonymous.withBearer(enroll(enrollmentToken("{}"), "not-a-user", "{}").get("nodeToken").asText());
        assertThat(agent.get("/api/environments").status()).isEqualTo(401);
    }

    @Test
    void givenHostileHeartbeats_badFieldsAreRejectedOneByOne_andTheRestIsStored() {
        JsonNode enrolled = enroll(enrollmentToken("{}"), "hostile", "{}");
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        String nodeId = enrolled.get("nodeId").asText();
        String pipelineId = pipeline("hostile-target", PipelineFixtures.SIMPLE_GRAPH);
        String otherEnv = server.createEnvironment(admin, teamId, "staging");
        ApiClient.Answer foreign = admin.postJson("/api/environments/" + otherEnv + "/pipelines",
                "{\"name\":\"foreign\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}");
        String foreignId = foreign.json().get("id").asText();

        ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat", """
                {"agentVersion": "1.0.0", "hostMetrics": {"memoryTotalBytes": -5, "memoryUsedBytes": "lots", "fsTotalBytes": 1e30, "loadAvg1": 0.5},
                 "pipelines": [
                   {"pipelineId": "%s", "version": 1, "configChecksum": "abc", "status": "DANCING", "eventsIn": -1, "eventsOut": 10, "pid": null,
                    "componentMetrics": [{"componentId": "src", "receivedEvents": "x", "sentEvents": -3, "receivedBytes": 12.5,
                      "errorsTotal": 99999999999999999999999, "extra": {"a": [1, {"b": 2}]}, "discardedEvents": 4}, 7],
                    "future": [[1], {"x": null}]},
                   {"pipelineId": "%s", "status": "RUNNING", "eventsIn": 5},
                   {"pipelineId": "not-a-uuid", "status": "RUNNING"}],
                 "logs": [{"pipelineId": "%s", "lines": ["hello from the agent"]}, {"pipelineId": "%s", "lines": ["foreign line"]}],
                 "somethingNew": {"x": 1}}""".formatted(pipelineId, foreignId, pipelineId, foreignId));
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        assertThat(beat.json().get("rejected").toString()).contains("memoryTotalBytes", "memoryUsedBytes", "fsTotalBytes",
                "pipelines[0].eventsIn", "pipelines[0].componentMetrics[0].receivedEvents: must be a number",
                "pipelines[0].componentMetrics[0].sentEvents: must not be negative",
                "pipelines[0].componentMetrics[0].receivedBytes: must be a whole number",
                "pipelines[0].componentMetrics[0].errorsTotal", "pipelines[0].componentMetrics: entries must be objects");
        assertThat(beat.json().get("rejected").toString()).doesNotContain("discardedEvents", "pid");
        server.app.services().telemetryWriter.flush();
        JsonNode node = admin.get("/api/nodes/" + nodeId).json();
        assertThat(node.get("pipelines")).hasSize(1);
        assertThat(node.get("pipelines").get(0).get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(node.get("pipelines").get(0).get("pipelineId").asText()).isEqualTo(pipelineId);
        JsonNode logs = admin.get("/api/nodes/" + nodeId + "/logs").json();
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).get("line").asText()).isEqualTo("hello from the agent");
        // the undeployed and the foreign pipeline are both to be stopped on this node
        assertThat(types(beat.json())).containsOnly("undeploy");

        long stored = Long.parseLong(server.sql("select count(*) from node_logs").getFirst());
        assertThat(agent.postJson("/api/agent/heartbeat", "{\"pipelines\": [").status()).isEqualTo(400);
        assertThat(agent.postJson("/api/agent/heartbeat", "[1,2,3]").status()).isEqualTo(400);
        assertThat(agent.send(agent.request("/api/agent/heartbeat").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).status()).isEqualTo(415);
        String huge = "{\"logs\":[{\"pipelineId\":\"" + pipelineId + "\",\"lines\":[\"" + "x".repeat(9 * 1024 * 1024) + "\"]}]}";
        // with Expect: 100-continue the refusal comes before the body is sent: sent at once, the body raced the server's
        // 413 and close (a connection closed under the client's write lost the answer on a loaded machine)
        assertThat(agent.send(agent.request("/api/agent/heartbeat").expectContinue(true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge))).status()).isEqualTo(413);
        server.app.services().telemetryWriter.flush();
        assertThat(Long.parseLong(server.sql("select count(*) from node_logs").getFirst())).isEqualTo(stored);
    }

    @Test
    void givenNulAndControlCharactersFromOneNode_theyAreCleanedAtTheEdge_andAnotherNodesHeartbeatInTheSameFlushIsStored() {
        String pipelineId = pipeline("nul-target", PipelineFixtures.SIMPLE_GRAPH);
        JsonNode dirty = enroll(enrollmentToken("{}"), "dirty", "{}");
        JsonNode clean = enroll(enrollmentToken("{}"), "clean", "{}");
        ApiClient dirtyAgent = server.anonymous.withBearer(dirty.get("nodeToken").asText());
        ApiClient cleanAgent = server.anonymous.withBearer(clean.get("nodeToken").asText());
        long lostBefore = server.app.services().telemetryWriter.stats().failed();

        // JSON escapes for NUL, BEL and ESC; PostgreSQL refuses NUL in text
        ApiClient.Answer beat = dirtyAgent.postJson("/api/agent/heartbeat", """
                {"agentVersion": "1.0\\u0000.0", "pipelines": [{"pipelineId": "%s", "version": 1, "configChecksum": "ab\\u0000c",
                   "status": "FAILED", "error": "vector said \\u0000 no\\u001b[31m red"}],
                 "logs": [{"pipelineId": "%s", "lines": ["a\\u0000b\\u0007c"]}],
                 "sampleResults": [{"requestId": "r\\u0000q", "componentKey": "k\\u0000", "error": "e\\u0000",
                   "events": [{"message": "m\\u0000n", "k\\u0000ey": ["x\\u0000"]}], "schema": [{"path": ".m\\u0000", "type": "string"}]}],
                 "actionResults": [{"actionId": "a\\u0000", "status": "FAILED", "message": "m\\u0000"}]}""".formatted(pipelineId, pipelineId));
        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        heartbeat(cleanAgent, report(pipelineId, 1, "c".repeat(64), "RUNNING", 10));
        server.app.services().telemetryWriter.flush();

        assertThat(server.app.services().telemetryWriter.stats().failed()).as("heartbeats lost").isEqualTo(lostBefore);
        JsonNode dirtyNode = admin.get("/api/nodes/" + dirty.get("nodeId").asText()).json();
        JsonNode cleanNode = admin.get("/api/nodes/" + clean.get("nodeId").asText()).json();
        assertThat(cleanNode.get("pipelines").get(0).get("status").asText()).isEqualTo("RUNNING");
        assertThat(dirtyNode.get("pipelines").get(0).get("error").asText()).isEqualTo("vector said  no [31m red");
        assertThat(dirtyNode.get("pipelines").get(0).get("checksum").asText()).isEqualTo("abc");
        assertThat(dirtyNode.get("statusReason").asText()).doesNotContain("\u0000");
        assertThat(admin.get("/api/nodes/" + dirty.get("nodeId").asText() + "/logs").json().get(0).get("line").asText()).isEqualTo("ab c");
        assertThat(server.sql("select events || error || component_key || request_id from event_samples where node_id = '"
                + dirty.get("nodeId").asText() + "'")).singleElement().satisfies(row -> assertThat(row).contains("mn", "key", "k", "rq")
                .doesNotContain("\\u0000"));
    }

    @Test
    void givenAMillionBadEntries_theAnswerNamesAFewProblems_notAMillion() {
        ApiClient agent = server.anonymous.withBearer(enroll(enrollmentToken("{}"), "amplifier", "{}").get("nodeToken").asText());
        String ones = "1,".repeat(1_000_000) + "1";

        ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat", "{\"pipelines\":[" + ones + "],\"logs\":[" + ones + "]}");

        assertThat(beat.status()).as(beat.body().substring(0, Math.min(500, beat.body().length()))).isEqualTo(200);
        assertThat(beat.body().length()).as("answer size").isLessThan(20_000);
        JsonNode rejected = beat.json().get("rejected");
        assertThat(rejected.size()).isLessThanOrEqualTo(51);
        assertThat(rejected.toString()).contains("pipelines: entries must be objects", "pipelines: more than 500 entries",
                "logs: more than 500 entries");
    }

    @Test
    void givenContentAfterTheHeartbeatsJsonObject_itIsRefused_andNothingIsStored() {
        JsonNode enrolled = enroll(enrollmentToken("{}"), "trailing", "{}");
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        String pipelineId = pipeline("trailing-target", PipelineFixtures.SIMPLE_GRAPH);

        ApiClient.Answer beat = agent.postJson("/api/agent/heartbeat", "{\"logs\":[{\"pipelineId\":\"" + pipelineId
                + "\",\"lines\":[\"first\"]}]} {\"logs\":[]}");
        server.app.services().telemetryWriter.flush();

        assertThat(beat.status()).as(beat.body()).isEqualTo(400);
        assertThat(beat.body()).contains("after the end of the JSON value");
        assertThat(admin.get("/api/nodes/" + enrolled.get("nodeId").asText() + "/logs").json()).isEmpty();
    }

    @Test
    void givenBurstBeyondTheRateLimit_agentGets429WithRetryAfter() {
        ApiClient agent = server.anonymous.withBearer(enroll(enrollmentToken("{}"), "bursty", "{}").get("nodeToken").asText());
        ApiClient.Answer last = null;
        for (int i = 0; i < 70; i++) {
            last = agent.postJson("/api/agent/heartbeat", "{}");
            if (last.status() == 429) {
                break;
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    }

    @Test
    void givenSampleAndRestartRequests_theyStayPendingUntilTheAgentSettlesThem() throws Exception {
        JsonNode enrolled = enroll(enrollmentToken("{}"), "sampler", "{}");
        String nodeId = enrolled.get("nodeId").asText();
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        String pipelineId = pipeline("sampled", PipelineFixtures.SIMPLE_GRAPH);
        ApiClient.Answer asked = admin.postJson("/api/nodes/" + nodeId + "/samples",
                "{\"pipelineId\":\"" + pipelineId + "\",\"componentKeys\":[\"parse\"],\"limit\":3}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        String requestId = asked.json().get("requestId").asText();
        ApiClient.Answer restart = admin.postJson("/api/nodes/" + nodeId + "/pipelines/" + pipelineId + "/restart", "{}");
        assertThat(restart.status()).isEqualTo(202);
        String restartId = restart.json().get("actionId").asText();

        JsonNode beat = heartbeat(agent, "");
        assertThat(types(beat)).containsExactlyInAnyOrder("sample", "restart");
        JsonNode sample = beat.get("pendingActions").findParents("requestId").getFirst();
        assertThat(sample.get("componentKeys").get(0).asText()).isEqualTo("parse");
        assertThat(sample.get("limit").asInt()).isEqualTo(3);
        assertThat(types(heartbeat(agent, ""))).containsExactlyInAnyOrder("sample", "restart");
        assertThat(admin.get("/api/nodes/" + nodeId + "/samples/" + requestId).json().get("state").asText()).isEqualTo("PENDING");

        ApiClient.Answer settle = agent.postJson("/api/agent/heartbeat", """
                {"actionResults": [{"actionId": "%s", "status": "SUCCEEDED", "message": "restarted"}],
                 "sampleResults": [{"requestId": "%s", "componentKey": "parse", "events": [{"message": "hi", "status": 200}],
                                    "schema": [{"path": ".message", "type": "string", "sample": "hi"}]}]}""".formatted(restartId, requestId));
        assertThat(settle.status()).as(settle.body()).isEqualTo(200);
        assertThat(types(settle.json())).isEmpty();
        server.app.services().telemetryWriter.flush();
        JsonNode result = admin.get("/api/nodes/" + nodeId + "/samples/" + requestId).json();
        assertThat(result.get("state").asText()).isEqualTo("DONE");
        assertThat(result.get("results").get(0).get("events").get(0).get("message").asText()).isEqualTo("hi");
        assertThat(result.get("results").get(0).get("schema").get(0).get("path").asText()).isEqualTo(".message");
        assertThat(server.sql("select result_status from node_actions where id = '" + restartId + "'")).containsExactly("SUCCEEDED");
        assertThat(types(heartbeat(agent, ""))).isEmpty();
    }

    @Test
    void givenProtocolExamples_theServerReadsThemAll() {
        ApiClient agent = server.anonymous.withBearer(enroll(enrollmentToken("{}"), "examples", "{}").get("nodeToken").asText());
        assertThat(agent.postJson("/api/agent/heartbeat", AgentProtocolExamples.read("heartbeat-request")).json().has("rejected")).isFalse();
        assertThat(agent.postJson("/api/agent/heartbeat", AgentProtocolExamples.read("heartbeat-request-minimal")).status()).isEqualTo(200);
        assertThat(agent.postJson("/api/agent/logs", AgentProtocolExamples.read("logs-request")).status()).isEqualTo(200);
        assertThat(agent.postJson("/api/agent/samples", AgentProtocolExamples.read("samples-request")).status()).isEqualTo(200);
        assertThat(agent.postJson("/api/agent/config", AgentProtocolExamples.read("config-request")).status()).isEqualTo(404);
        // a preview this node was not asked for: 404 for both calls, and nothing is stored
        assertThat(agent.postJson("/api/agent/preview", AgentProtocolExamples.read("preview-request")).status()).isEqualTo(404);
        assertThat(agent.postJson("/api/agent/preview-result", AgentProtocolExamples.read("preview-result")).status()).isEqualTo(404);
        assertThat(agent.postJson("/api/agent/preview", "{}").status()).isEqualTo(400);
        String legacy = AgentProtocolExamples.read("enroll-request-legacy").replace("vf_enroll_3f1c9a0b7d2e4c6f8a1b3d5e7f9a0c2e",
                enrollmentToken("{}"));
        assertThat(server.anonymous.postJson("/api/agent/enroll", legacy).status()).isEqualTo(200);
    }

    @Test
    void givenAgentRelease_updateActionsReachTheSelectedNodes_untilTheyRunThatVersion() {
        String signature = Base64.getEncoder().encodeToString(new byte[64]);
        ApiClient.Answer bad = admin.postJson("/api/agent-releases", ApiClient.json("version", "2.0.0", "downloadUrl",
                "http://downloads.example.com/agent.jar", "checksum", "md5:abc", "signature", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("problems").findValuesAsText("field")).contains("downloadUrl");
        ApiClient.Answer release = admin.postJson("/api/agent-releases", ApiClient.json("version", "2.0.0", "downloadUrl",
                "https://downloads.example.com/vectorflow-agent-2.0.0.jar", "checksum", "sha256:" + "c".repeat(64), "signature", signature));
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        assertThat(admin.postJson("/api/agent-releases", ApiClient.json("version", "2.0.0", "downloadUrl",
                "https://downloads.example.com/x.jar", "checksum", "sha256:" + "c".repeat(64), "signature", signature)).status()).isEqualTo(409);

        JsonNode enrolled = enroll(enrollmentToken("{\"labels\":{\"ring\":\"canary\"}}"), "updater", "{}");
        ApiClient agent = server.anonymous.withBearer(enrolled.get("nodeToken").asText());
        heartbeat(agent, "");
        ApiClient.Answer queued = admin.postJson("/api/environments/" + envId + "/nodes/update",
                "{\"version\":\"2.0.0\",\"selector\":{\"ring\":\"canary\"}}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(queued.json().get("nodes").asInt()).isEqualTo(1);
        JsonNode update = heartbeat(agent, "").get("pendingActions").get(0);
        assertThat(update.get("type").asText()).isEqualTo("update");
        assertThat(update.get("targetVersion").asText()).isEqualTo("2.0.0");
        assertThat(update.get("checksum").asText()).isEqualTo("sha256:" + "c".repeat(64));
        assertThat(update.get("signature").asText()).isEqualTo(signature);
        // the new agent reports its version: settled
        ApiClient.Answer after = agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"2.0.0\"}");
        assertThat(types(after.json())).isEmpty();
        server.app.services().telemetryWriter.flush();
        assertThat(admin.get("/api/nodes/" + enrolled.get("nodeId").asText()).json().get("agentVersion").asText()).isEqualTo("2.0.0");
        assertThat(types(agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"2.0.0\"}").json())).isEmpty();
        JsonNode action = admin.get("/api/nodes/" + enrolled.get("nodeId").asText() + "/actions").json().get(0);
        assertThat(action.get("type").asText()).isEqualTo("update");
        assertThat(action.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(action.get("message").asText()).isEqualTo("agent runs 2.0.0");
        // settled for good: a node put back on 1.0.0 by hand is not updated again by the old action
        assertThat(types(agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1.0.0\"}").json())).isEmpty();
        assertThat(admin.postJson("/api/nodes/" + enrolled.get("nodeId").asText() + "/update", "{\"version\":\"7.7.7\"}").status())
                .isEqualTo(404);
    }
}
