package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent (its jar as a process, the Vector stand-in as Vector) through a restore done by its server: its Vector
 * keeps running while the server restores, and afterwards the agent, with the node token from the backup, reconciles to
 * the restored deployment.
 */
class AgentRestoreEndToEndTest {

    private static String graph(String remap) {
        return """
                {"components":[
                  {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json","interval":0.1}},
                  {"key":"parse","kind":"transform","type":"remap","options":{"source":"%s"}},
                  {"key":"out","kind":"sink","type":"blackhole","options":{}}],
                 "edges":[{"from":"demo","to":"parse"},{"from":"parse","to":"out"}]}""".formatted(remap);
    }

    @Test
    void theAgentsVectorKeepsRunningThroughARestore_andTheAgentReconcilesToTheRestoredVersionWithItsNodeToken(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of("VF_POLL_INTERVAL_MS", "1000"))) {
            ApiClient admin = server.root();
            String env = server.createEnvironment(admin, server.createTeam("e2e"), "e2e");
            String token = admin.postJson("/api/environments/" + env + "/enrollment-tokens", "{}").json().get("token").asText();
            try (AgentProcess agent = AgentProcess.start("http://127.0.0.1:" + server.port, token, dir.resolve("agent"), "role=e2e")) {
                Supplier<String> log = agent::output;
                String node = eventually("the agent enrolled", () -> admin.get("/api/environments/" + env + "/nodes").json().get("nodes"),
                        n -> n.size() == 1 && n.get(0).hasNonNull("lastHeartbeatAt"), log).get(0).get("id").asText();
                String pipeline = admin.postJson("/api/environments/" + env + "/pipelines", "{\"name\":\"restored\",\"graph\":"
                        + graph(".tag = \\\"one\\\"") + "}").json().get("id").asText();
                BackupFixture.ok(admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "one")));
                BackupFixture.ok(admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{}"));
                long pid = running(admin, node, 1, log).get("pid").asLong();

                String backup = BackupFixture.backupThroughTheApi(admin, false).get("name").asText();

                BackupFixture.ok(admin.putJson("/api/pipelines/" + pipeline + "/graph", graph(".tag = \\\"two\\\"")));
                BackupFixture.ok(admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "two")));
                BackupFixture.ok(admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{}"));
                assertThat(running(admin, node, 2, log).get("pid").asLong()).as("a remap change reloads the same Vector").isEqualTo(pid);

                BackupFixture.ok(admin.postJson("/api/backups/" + backup + "/restore", ApiClient.json("confirm", backup)));
                JsonNode restore = eventually("the restore ended", () -> admin.get("/api/restore").json().get("restore"),
                        r -> r != null && !r.isNull() && !r.get("running").asBoolean(), log);
                assertThat(restore.get("phase").asText()).as(restore.toString()).isEqualTo("SUCCEEDED");

                // the backup deployed version 1: the agent goes back to it, on the same Vector, with the same node token
                JsonNode back = running(admin, node, 1, log);
                assertThat(back.get("pid").asLong()).as("Vector was never stopped").isEqualTo(pid);
                assertThat(admin.get("/api/pipelines/" + pipeline + "/versions").json().get("items")).hasSize(1);
                assertThat(agent.output()).doesNotContain("answered 401");
                assertThat(ProcessHandle.of(pid)).isPresent();
            } finally {
                // the agent stops as systemd stops it, leaving its Vector running: that one is ours to end
                AgentProcess.killVectors(dir.resolve("agent"));
            }
        }
    }

    private static JsonNode running(ApiClient admin, String node, int version, Supplier<String> log) throws InterruptedException {
        Predicate<JsonNode> runningThat = p -> p.size() == 1 && p.get(0).get("version").asInt() == version
                && p.get(0).get("status").asText().equals("RUNNING") && p.get(0).path("pid").asLong() > 0;
        return eventually("version " + version + " RUNNING", () -> admin.get("/api/nodes/" + node).json().get("pipelines"), runningThat, log).get(0);
    }

    private static <T> T eventually(String what, Supplier<T> probe, Predicate<T> done, Supplier<String> log) throws InterruptedException {
        return Polling.until(what, Duration.ofSeconds(90), probe, done, () -> "agent log:\n" + log.get());
    }
}
