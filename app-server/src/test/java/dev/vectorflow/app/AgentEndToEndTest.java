package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, the real agent as a process and the Vector stand-in: enroll, deploy, RUNNING with growing counters,
 * a transform change reloads in place, a secret reaches Vector without touching the disk, an agent restart adopts
 * the running Vector, undeploy stops it.
 */
class AgentEndToEndTest {

    private static final String SECRET_VALUE = "e2e-secret-value-4c1f0d";

    private static JsonNode eventually(String what, Supplier<JsonNode> probe, java.util.function.Predicate<JsonNode> done,
                                       AgentProcess agent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting until " + what + "; last answer: " + last + "\nagent log:\n" + agent.output());
    }

    private static String graph(String remap) {
        return """
                {"components":[
                  {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json","interval":0.1}},
                  {"key":"parse","kind":"transform","type":"remap","options":{"source":"%s"}},
                  {"key":"out","kind":"sink","type":"http","options":{"uri":"http://127.0.0.1:9/ingest","encoding":{"codec":"json"},
                    "auth":{"strategy":"bearer","token":"SECRET[e2e_token]"}}}],
                 "edges":[{"from":"demo","to":"parse"},{"from":"parse","to":"out"}]}""".formatted(remap);
    }

    @Test
    void givenServerAgentAndStandin_aDeployedPipelineRunsReloadsSurvivesAnAgentRestartAndStops(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of("VF_POLL_INTERVAL_MS", "1000"))) {
            ApiClient admin = server.root();
            String env = server.createEnvironment(admin, server.createTeam("e2e"), "e2e");
            assertThat(admin.postJson("/api/environments/" + env + "/secrets", ApiClient.json("name", "e2e_token", "value", SECRET_VALUE))
                    .status()).isEqualTo(201);
            String token = admin.postJson("/api/environments/" + env + "/enrollment-tokens", "{\"labels\":{\"site\":\"lab\"}}").json()
                    .get("token").asText();
            String url = "http://127.0.0.1:" + server.app.port();
            Path agentData = dir.resolve("agent");
            AtomicReference<AgentProcess> agent = new AtomicReference<>(AgentProcess.start(url, token, agentData, "role=e2e"));
            try {
                JsonNode nodes = eventually("the agent enrolled and reported", () -> admin.get("/api/environments/" + env + "/nodes").json(),
                        n -> n.size() == 1 && n.get(0).get("lastHeartbeatAt") != null && !n.get(0).get("agentVersion").asText().isEmpty(),
                        agent.get());
                String nodeId = nodes.get(0).get("id").asText();
                assertThat(nodes.get(0).get("labels").get("role").asText()).isEqualTo("e2e");
                assertThat(nodes.get(0).get("labels").get("site").asText()).isEqualTo("lab");
                assertThat(nodes.get(0).get("vectorVersion").asText()).contains("0.57");

                String pipeline = admin.postJson("/api/environments/" + env + "/pipelines",
                        "{\"name\":\"e2e-logs\",\"graph\":" + graph(".tag = \\\"one\\\"") + "}").json().get("id").asText();
                assertThat(admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "v1")).status()).isEqualTo(201);
                ApiClient.Answer deployed = admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{\"selector\":{\"role\":\"e2e\"}}");
                assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

                Supplier<JsonNode> running = () -> admin.get("/api/nodes/" + nodeId).json().get("pipelines");
                JsonNode first = eventually("the pipeline RUNNING with counters", running,
                        p -> p.size() == 1 && p.get(0).get("status").asText().equals("RUNNING") && p.get(0).path("eventsIn").asLong() > 0,
                        agent.get());
                long pid = first.get(0).get("pid").asLong();
                long events = first.get(0).get("eventsIn").asLong();
                eventually("the counters grow", running, p -> p.get(0).path("eventsIn").asLong() > events, agent.get());
                JsonNode status = admin.get("/api/pipelines/" + pipeline + "/deployments").json();
                assertThat(status.get("nodes").get(0).get("inSync").asBoolean()).isTrue();

                // a transform change: a new version, reloaded by SIGHUP in the same process
                assertThat(admin.putJson("/api/pipelines/" + pipeline + "/graph", graph(".tag = \\\"two\\\"")).status()).isEqualTo(200);
                assertThat(admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "v2")).status()).isEqualTo(201);
                assertThat(admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{\"selector\":{\"role\":\"e2e\"}}").status())
                        .isEqualTo(201);
                JsonNode reloaded = eventually("version 2 RUNNING", running,
                        p -> p.get(0).get("version").asInt() == 2 && p.get(0).get("status").asText().equals("RUNNING"), agent.get());
                assertThat(reloaded.get(0).get("pid").asLong()).as("reloaded in place").isEqualTo(pid);

                // the secret reached Vector through the agent, never the disk
                assertThat(filesContaining(agentData, SECRET_VALUE)).isEmpty();
                assertThat(filesContaining(agentData, "SECRET[vectorflow.e2e_token]")).isNotEmpty();

                // an agent restart adopts the running Vector: same pid, still RUNNING
                agent.get().close();
                agent.set(AgentProcess.start(url, null, agentData, "role=e2e"));
                long restartedAt = System.currentTimeMillis();
                eventually("the restarted agent reports again", () -> admin.get("/api/nodes/" + nodeId).json(),
                        n -> java.time.Instant.parse(n.get("lastHeartbeatAt").asText()).toEpochMilli() > restartedAt + 1000, agent.get());
                JsonNode adopted = eventually("the pipeline RUNNING after the agent restart", running,
                        p -> p.size() == 1 && p.get(0).get("status").asText().equals("RUNNING"), agent.get());
                assertThat(adopted.get(0).get("pid").asLong()).as("adopted, not restarted").isEqualTo(pid);
                assertThat(ProcessHandle.of(pid)).isPresent();

                // logs of the Vector process reach the server
                eventually("Vector's log lines reach the server", () -> admin.get("/api/nodes/" + nodeId + "/logs").json(),
                        l -> l.size() > 0, agent.get());

                // undeploy: the agent stops Vector and reports nothing for it any more
                assertThat(admin.delete("/api/pipelines/" + pipeline + "/deployments").status()).isEqualTo(204);
                eventually("the pipeline is gone from the node", running, p -> p.isEmpty(), agent.get());
                eventually("Vector stopped", () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                        ? null : admin.get("/api/health").json(), h -> true, agent.get());
            } finally {
                agent.get().close();
                agent.get().killVectors();
            }
        }
    }

    private static java.util.List<Path> filesContaining(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    byte[] content = Files.readAllBytes(f);
                    return indexOf(content, needle) >= 0;
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
