package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staged rollouts end to end through the real server, three real agent processes and the Vector stand-in: a rollout
 * whose second wave crashes rolls the first wave back by itself, a healthy one completes through its gates, a server
 * restart in the middle of a soak continues the rollout, and a bad plan changes nothing. Node C's stand-in crashes on
 * configs holding a marker (its own control file); A's and B's run them. The job advances rollouts every 500 ms and the
 * agents poll every second: production logic, shorter timings.
 */
class RolloutAgentEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> SERVER_SETTINGS = Map.of("VF_POLL_INTERVAL_MS", "1000", "VF_UNHEALTHY_THRESHOLD", "5");
    private static final String CRASH_MARKER = "crash-me";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static Duration rolloutEvery;
    private static TestServer server;
    private static ApiClient admin;
    private static String environment;
    private static final List<AgentProcess> agents = new ArrayList<>();
    private static String nodeA;
    private static String nodeB;
    private static String nodeC;

    private static String graph(String tag) {
        return """
                {"components":[
                  {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json","interval":0.1}},
                  {"key":"parse","kind":"transform","type":"remap","options":{"source":".tag = \\"%s\\""}},
                  {"key":"out","kind":"sink","type":"blackhole","options":{}}],
                 "edges":[{"from":"demo","to":"parse"},{"from":"parse","to":"out"}]}""".formatted(tag);
    }

    @BeforeAll
    static void start() throws Exception {
        rolloutEvery = ServerApplication.rolloutEvery;
        ServerApplication.rolloutEvery = Duration.ofMillis(500);
        server = TestServer.start(dir.resolve("server"), SERVER_SETTINGS);
        admin = server.root();
        environment = server.createEnvironment(admin, server.createTeam("rollouts"), "rollouts-e2e");
        String url = "http://127.0.0.1:" + server.port;
        Path healthy = dir.resolve("standin-healthy.properties");
        Path crashing = dir.resolve("standin-crashing.properties");
        Files.writeString(healthy, "");
        Files.writeString(crashing, "crash_after_secs=0\nfault_when_config_contains=" + CRASH_MARKER + "\n");
        for (String role : new String[] {"a", "b", "c"}) {
            Map<String, String> settings = Map.of("VF_CRASH_BACKOFF", "250ms", "VF_CRASH_BACKOFF_MAX", "1s", "VF_CRASH_LOOP_AFTER", "3",
                    "VECTOR_STANDIN_CONTROL", (role.equals("c") ? crashing : healthy).toString());
            agents.add(AgentProcess.start(url, enrollmentToken(), dir.resolve("agent-" + role), "role=" + role, settings));
        }
        JsonNode nodes = eventually("three agents enrolled and reported", () -> admin.get(env("/nodes")).json().get("nodes"),
                n -> n.size() == 3 && n.get(0).hasNonNull("lastHeartbeatAt") && n.get(1).hasNonNull("lastHeartbeatAt")
                        && n.get(2).hasNonNull("lastHeartbeatAt"));
        for (JsonNode n : nodes) {
            switch (n.get("labels").get("role").asText()) {
                case "a" -> nodeA = n.get("id").asText();
                case "b" -> nodeB = n.get("id").asText();
                default -> nodeC = n.get("id").asText();
            }
        }
    }

    @AfterAll
    static void stop() {
        ServerApplication.rolloutEvery = rolloutEvery;
        for (AgentProcess agent : agents) {
            agent.close();
            agent.killVectors();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenAStagedRolloutWhoseSecondWaveCrashes_thenTheGateFails_andTheFirstWaveIsRolledBackByItself() throws Exception {
        String pipeline = createPipeline("crashing-rollout", graph("one"));
        publishAndDeploy(pipeline, "{\"selector\":{\"site\":\"lab\"}}");
        awaitVersion(pipeline, 1, "RUNNING", nodeA, nodeB, nodeC);

        saveGraph(pipeline, graph(CRASH_MARKER));
        String rollout = publishAndDeploy(pipeline, "{\"selector\":{\"site\":\"lab\"},\"rollout\":{\"waves\":["
                + "{\"label\":\"role=a\",\"soakSeconds\":2},{\"label\":\"role=c\",\"soakSeconds\":30},{\"rest\":true,\"soakSeconds\":1}],"
                + "\"rollbackOnFailure\":true,\"convergeTimeoutSeconds\":40}}").get("rolloutId").asText();

        JsonNode done = awaitRollout(rollout, "ROLLED_BACK");
        assertThat(kinds(done)).containsSubsequence("STARTED", "WAVE_ADMITTED", "CONVERGED", "GATE_PASSED", "WAVE_ADMITTED", "GATE_FAILED",
                "ROLLED_BACK");
        JsonNode failed = decision(done, "GATE_FAILED");
        assertThat(failed.get("wave").asInt()).isEqualTo(1);
        assertThat(failed.get("reason").asText()).startsWith("the new version failed on 1 node(s)");
        assertThat(done.get("waves").get(0).get("nodes")).singleElement().satisfies(n -> assertThat(n.get("nodeId").asText()).isEqualTo(nodeA));
        assertThat(done.get("waves").get(2).get("nodes")).singleElement().satisfies(n -> assertThat(n.get("nodeId").asText()).isEqualTo(nodeB));
        assertThat(admin.get("/api/pipelines/" + pipeline + "/deployments").json().get("current").get("version").asInt())
                .as("the deployment points at the previous version again").isEqualTo(1);
        awaitVersion(pipeline, 1, "RUNNING", nodeA, nodeB);
        awaitVersion(pipeline, 1, null, nodeC);
        JsonNode audit = admin.get("/api/audit?limit=50").json();
        assertThat(audit.toString()).contains("rollout.start", "rollout.rollback");
    }

    @Test
    void givenAHealthyStagedRollout_thenEveryWavePassesItsGates_andEveryNodeEndsOnTheNewVersion() throws Exception {
        String pipeline = createPipeline("healthy-rollout", graph("one"));
        publishAndDeploy(pipeline, "{}");
        awaitVersion(pipeline, 1, "RUNNING", nodeA, nodeB, nodeC);

        saveGraph(pipeline, graph("two"));
        String rollout = publishAndDeploy(pipeline, "{\"rollout\":{\"waves\":[{\"nodes\":1,\"soakSeconds\":3},{\"percent\":50,"
                + "\"soakSeconds\":3},{\"rest\":true,\"soakSeconds\":3}],\"gates\":{\"errorRateMarginPercent\":5,\"discardedMarginPercent\":5,"
                + "\"minEventsOutFraction\":0.1},\"rollbackOnFailure\":true}}").get("rolloutId").asText();

        JsonNode done = awaitRollout(rollout, "COMPLETED");
        assertThat(kinds(done).stream().filter("GATE_PASSED"::equals)).hasSize(3);
        assertThat(decision(done, "STARTED").get("figures").asText()).contains("nodes:1 → 1", "percent:50 → 2");
        assertThat(decision(done, "GATE_PASSED").get("figures").asText()).contains("nodes 1");
        awaitVersion(pipeline, 2, "RUNNING", nodeA, nodeB, nodeC);
        assertThat(admin.get("/api/pipelines/" + pipeline + "/rollouts").json().get("rollouts").get(0).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(admin.postJson("/api/rollouts/" + rollout + "/pause", "{}").status()).as("a finished rollout cannot be paused").isEqualTo(409);
    }

    @Test
    void givenAServerRestartInTheMiddleOfASoak_thenTheRolloutContinuesWhereItStood() throws Exception {
        String pipeline = createPipeline("restarted-rollout", graph("one"));
        publishAndDeploy(pipeline, "{}");
        awaitVersion(pipeline, 1, "RUNNING", nodeA, nodeB, nodeC);

        saveGraph(pipeline, graph("two"));
        String rollout = publishAndDeploy(pipeline, "{\"rollout\":{\"waves\":[{\"label\":\"role=a\",\"soakSeconds\":15},"
                + "{\"rest\":true,\"soakSeconds\":1}]}}").get("rolloutId").asText();
        awaitRollout(rollout, "SOAKING");

        server.close();
        server = server.startAgain(SERVER_SETTINGS);
        awaitVersion(pipeline, 1, "RUNNING", nodeB, nodeC);
        JsonNode mid = admin.get("/api/rollouts/" + rollout).json();
        assertThat(mid.get("rollout").get("state").asText()).as("still soaking its first wave after the restart").isEqualTo("SOAKING");

        JsonNode done = awaitRollout(rollout, "COMPLETED");
        assertThat(kinds(done).stream().filter("CONVERGED"::equals)).as("the first wave converged once: the soak went on").hasSize(2);
        assertThat(kinds(done)).containsSubsequence("CONVERGED", "GATE_PASSED", "WAVE_ADMITTED", "CONVERGED", "GATE_PASSED", "COMPLETED");
        awaitVersion(pipeline, 2, "RUNNING", nodeA, nodeB, nodeC);
    }

    @Test
    void givenABadPlan_thenOne400NamesEveryProblem_andNothingIsDeployed() {
        String pipeline = createPipeline("bad-plan", graph("one"));
        Answer published = admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "e2e"));
        assertThat(published.status()).isEqualTo(201);

        Answer refused = admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{\"rollout\":{\"waves\":[{\"percent\":120,"
                + "\"soakSeconds\":0},{\"label\":\"canary\",\"soakSeconds\":10},{\"nodes\":\"x\",\"soakSeconds\":1}],\"gates\":"
                + "{\"minEventsOutFraction\":0.8},\"extra\":1}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("rollout.waves[0].percent", "rollout.waves[0].soakSeconds", "rollout.waves[1].label",
                "rollout.waves[2].nodes", "rollout.extra");
        assertThat(refused.json().get("problems")).as("a wrong type is one problem, not also a missing size").hasSize(5);
        assertThat(refused.body()).contains("must be a whole number but was a string");
        Answer empty = admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{\"rollout\":{\"waves\":[]}}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("must name at least one wave");
        assertThat(admin.get("/api/pipelines/" + pipeline + "/deployments").json().hasNonNull("current")).isFalse();
        assertThat(admin.get("/api/pipelines/" + pipeline + "/rollouts").json().get("rollouts")).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static String env(String rest) {
        return "/api/environments/" + environment + rest;
    }

    private static <T> T eventually(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        return Polling.until(what, WAIT, probe, done, () -> {
            StringBuilder logs = new StringBuilder();
            for (AgentProcess agent : agents) {
                logs.append("\nagent log:\n").append(agent.output());
            }
            return logs.toString();
        });
    }

    private static String enrollmentToken() {
        return admin.postJson(env("/enrollment-tokens"), "{\"labels\":{\"site\":\"lab\"}}").json().get("token").asText();
    }

    private static String createPipeline(String name, String graph) {
        Answer created = admin.postJson(env("/pipelines"), "{\"name\":\"" + name + "\",\"graph\":" + graph + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void saveGraph(String pipeline, String graph) {
        Answer saved = admin.putJson("/api/pipelines/" + pipeline + "/graph", graph);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private static JsonNode publishAndDeploy(String pipeline, String body) {
        Answer published = admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "e2e"));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        Answer deployed = admin.postJson("/api/pipelines/" + pipeline + "/deployments", body);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        return deployed.json();
    }

    private static JsonNode awaitRollout(String rollout, String state) throws InterruptedException {
        return eventually("rollout " + rollout + " " + state, () -> admin.get("/api/rollouts/" + rollout).json(),
                r -> r.get("rollout").get("state").asText().equals(state));
    }

    /** Every node reports the pipeline at {@code version} (and {@code status}, unless null). */
    private static void awaitVersion(String pipeline, int version, String status, String... nodes) throws InterruptedException {
        for (String node : nodes) {
            eventually("pipeline " + pipeline + " v" + version + " " + status + " on node " + node,
                    () -> admin.get("/api/nodes/" + node).json().get("pipelines"), l -> {
                        for (JsonNode p : l) {
                            if (p.get("pipelineId").asText().equals(pipeline) && p.path("version").asInt() == version
                                    && (status == null || p.get("status").asText().equals(status))) {
                                return true;
                            }
                        }
                        return false;
                    });
        }
    }

    private static List<String> kinds(JsonNode rollout) {
        List<String> kinds = new ArrayList<>();
        rollout.get("decisions").forEach(d -> kinds.add(d.get("kind").asText()));
        return kinds;
    }

    private static JsonNode decision(JsonNode rollout, String kind) {
        for (JsonNode d : rollout.get("decisions")) {
            if (d.get("kind").asText().equals(kind)) {
                return d;
            }
        }
        throw new AssertionError("no " + kind + " decision in " + rollout);
    }

}
