package dev.vectorflow.app;

import static dev.vectorflow.app.AgentFleetFixture.CRASH_MARKER;
import static dev.vectorflow.app.AgentFleetFixture.graph;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static Duration rolloutEvery;
    private static AgentFleetFixture fleet;
    private static ApiClient admin;
    private static String nodeA;
    private static String nodeB;
    private static String nodeC;

    @BeforeAll
    static void start() throws Exception {
        rolloutEvery = ServerApplication.rolloutEvery;
        ServerApplication.rolloutEvery = Duration.ofMillis(500);
        fleet = new AgentFleetFixture(dir, TestServer.start(dir.resolve("server"), SERVER_SETTINGS), "rollouts", "rollouts-e2e", WAIT, () -> "");
        admin = fleet.admin;
        Map<String, String> healthy = AgentFleetFixture.supervision(fleet.standinControl("standin-healthy.properties", ""));
        Map<String, String> crashing = AgentFleetFixture.supervision(fleet.standinControl("standin-crashing.properties", AgentFleetFixture.CRASHING));
        Map<String, Map<String, String>> roles = new LinkedHashMap<>();
        roles.put("a", healthy);
        roles.put("b", healthy);
        roles.put("c", crashing);
        fleet.startAgents(roles);
        nodeA = fleet.node("a");
        nodeB = fleet.node("b");
        nodeC = fleet.node("c");
    }

    @AfterAll
    static void stop() {
        ServerApplication.rolloutEvery = rolloutEvery;
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void givenAStagedRolloutWhoseSecondWaveCrashes_thenTheGateFails_andTheFirstWaveIsRolledBackByItself() throws Exception {
        Staged staged = secondVersionStaged("crashing-rollout", "{\"selector\":{\"site\":\"lab\"}}", graph(CRASH_MARKER),
                "{\"selector\":{\"site\":\"lab\"},\"rollout\":{\"waves\":[{\"label\":\"role=a\",\"soakSeconds\":2},{\"label\":\"role=c\","
                + "\"soakSeconds\":30},{\"rest\":true,\"soakSeconds\":1}],\"rollbackOnFailure\":true,\"convergeTimeoutSeconds\":40}}");
        String pipeline = staged.pipeline();
        String rollout = staged.rollout();

        JsonNode done = awaitRollout(rollout, "ROLLED_BACK");
        assertThat(kinds(done)).as("decisions with their reasons: %s", done.get("decisions"))
                .containsSubsequence("STARTED", "WAVE_ADMITTED", "CONVERGED", "GATE_PASSED", "WAVE_ADMITTED", "GATE_FAILED", "ROLLED_BACK");
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
        Staged staged = secondVersionStaged("healthy-rollout", "{}", graph("two"), "{\"rollout\":{\"waves\":[{\"nodes\":1,\"soakSeconds\":3},"
                + "{\"percent\":50,\"soakSeconds\":3},{\"rest\":true,\"soakSeconds\":3}],\"gates\":{\"errorRateMarginPercent\":5,"
                + "\"discardedMarginPercent\":5,\"minEventsOutFraction\":0.1},\"rollbackOnFailure\":true}}");
        String pipeline = staged.pipeline();
        String rollout = staged.rollout();

        JsonNode done = awaitRollout(rollout, "COMPLETED");
        assertThat(kinds(done).stream().filter("GATE_PASSED"::equals)).as("decisions with their reasons: %s", done.get("decisions")).hasSize(3);
        assertThat(decision(done, "STARTED").get("figures").asText()).contains("nodes:1 → 1", "percent:50 → 2");
        assertThat(decision(done, "GATE_PASSED").get("figures").asText()).contains("nodes 1");
        awaitVersion(pipeline, 2, "RUNNING", nodeA, nodeB, nodeC);
        assertThat(admin.get("/api/pipelines/" + pipeline + "/rollouts").json().get("rollouts").get(0).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(admin.postJson("/api/rollouts/" + rollout + "/pause", "{}").status()).as("a finished rollout cannot be paused").isEqualTo(409);
    }

    @Test
    void givenAServerRestartInTheMiddleOfASoak_thenTheRolloutContinuesWhereItStood() throws Exception {
        Staged staged = secondVersionStaged("restarted-rollout", "{}", graph("two"), "{\"rollout\":{\"waves\":[{\"label\":\"role=a\","
                + "\"soakSeconds\":15},{\"rest\":true,\"soakSeconds\":1}]}}");
        String pipeline = staged.pipeline();
        String rollout = staged.rollout();
        awaitRollout(rollout, "SOAKING");

        fleet.stopServer();
        fleet.startServerAgain(SERVER_SETTINGS);
        awaitVersion(pipeline, 1, "RUNNING", nodeB, nodeC);
        JsonNode mid = admin.get("/api/rollouts/" + rollout).json();
        assertThat(mid.get("rollout").get("state").asText()).as("still soaking its first wave after the restart").isEqualTo("SOAKING");

        JsonNode done = awaitRollout(rollout, "COMPLETED");
        assertThat(kinds(done).stream().filter("CONVERGED"::equals)).as("the first wave converged once: the soak went on").hasSize(2);
        assertThat(kinds(done)).as("decisions with their reasons: %s", done.get("decisions"))
                .containsSubsequence("CONVERGED", "GATE_PASSED", "WAVE_ADMITTED", "CONVERGED", "GATE_PASSED", "COMPLETED");
        awaitVersion(pipeline, 2, "RUNNING", nodeA, nodeB, nodeC);
    }

    @Test
    void givenABadPlan_thenOne400NamesEveryProblem_andNothingIsDeployed() {
        String pipeline = fleet.createPipeline("bad-plan", graph("one"));
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

    /** A pipeline and the staged rollout of its second version. */
    private record Staged(String pipeline, String rollout) {
    }

    /**
     * A pipeline {@code name} whose version 1 is deployed with {@code firstDeploy} and RUNNING on every node, then version 2
     * ({@code secondGraph}) deployed with {@code stagedDeploy}, a rollout plan.
     */
    private static Staged secondVersionStaged(String name, String firstDeploy, String secondGraph, String stagedDeploy)
            throws InterruptedException {
        String pipeline = fleet.createPipeline(name, graph("one"));
        fleet.publishAndDeploy(pipeline, firstDeploy);
        awaitVersion(pipeline, 1, "RUNNING", nodeA, nodeB, nodeC);
        fleet.saveGraph(pipeline, secondGraph);
        return new Staged(pipeline, fleet.publishAndDeploy(pipeline, stagedDeploy).get("rolloutId").asText());
    }

    private static JsonNode awaitRollout(String rollout, String state) throws InterruptedException {
        return fleet.eventually("rollout " + rollout + " " + state, () -> admin.get("/api/rollouts/" + rollout).json(),
                r -> r.get("rollout").get("state").asText().equals(state));
    }

    /** Every node reports the pipeline at {@code version} (and {@code status}, unless null). */
    private static void awaitVersion(String pipeline, int version, String status, String... nodes) throws InterruptedException {
        for (String node : nodes) {
            fleet.awaitPipeline(node, "pipeline " + pipeline + " v" + version + " " + status, p -> p.get("pipelineId").asText().equals(pipeline)
                    && p.path("version").asInt() == version && (status == null || p.get("status").asText().equals(status)));
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
