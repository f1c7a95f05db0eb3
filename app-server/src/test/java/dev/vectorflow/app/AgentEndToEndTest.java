package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import java.time.format.DateTimeParseException;

/**
 * The real server, the real agent as a process and the Vector stand-in, driven through the REST API as a user would:
 * enroll, deploy, RUNNING with growing counters, a sample, a transform change reloads in
 * place, a misspelt global option is refused by the server, a global option change restarts, a secret reaches Vector
 * without touching the disk, an agent restart adopts the running Vector, undeploy stops it; and the failures: a config
 * Vector refuses, a Vector killed again and again, the server gone for a while. A failed run keeps its directory (the
 * agent's log, each Vector's log) for a look.
 */
class AgentEndToEndTest {

    private static final String SECRET_VALUE = "e2e-secret-value-4c1f0d";
    private static final Map<String, String> SERVER_SETTINGS = Map.of("VF_POLL_INTERVAL_MS", "1000");

    private static String graph(String remap) {
        return graph(remap, "{}");
    }

    private static String graph(String remap, String globalOptions) {
        return """
                {"components":[
                  {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json","interval":0.1}},
                  {"key":"parse","kind":"transform","type":"remap","options":{"source":"%s"}},
                  {"key":"out","kind":"sink","type":"http","options":{"uri":"http://127.0.0.1:9/ingest","encoding":{"codec":"json"},
                    "auth":{"strategy":"bearer","token":"SECRET[e2e_token]"}}}],
                 "edges":[{"from":"demo","to":"parse"},{"from":"parse","to":"out"}],
                 "globalOptions":%s}""".formatted(remap, globalOptions);
    }

    /** One server, one environment with a secret, one enrolled agent process: where every scenario starts. */
    private static final class Lab implements AutoCloseable {

        final AgentFleetFixture fleet;
        final ApiClient admin;
        final String env;
        final Path agentData;
        final String nodeId;

        Lab(Path dir, Map<String, String> agentSettings) throws Exception {
            this.fleet = new AgentFleetFixture(dir, TestServer.start(dir.resolve("server"), SERVER_SETTINGS), "e2e", "e2e", Duration.ofSeconds(90),
                    () -> "");
            this.admin = fleet.admin;
            this.env = fleet.environment;
            assertThat(admin.postJson("/api/environments/" + env + "/secrets", ApiClient.json("name", "e2e_token", "value", SECRET_VALUE))
                    .status()).isEqualTo(201);
            fleet.startAgents(Map.of("e2e", agentSettings));
            this.agentData = fleet.agentData("e2e");
            this.nodeId = fleet.node("e2e");
        }

        <T> T eventually(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
            return fleet.eventually(what, probe, done);
        }

        AgentProcess agent() {
            return fleet.agent("e2e");
        }

        JsonNode node() {
            return admin.get("/api/nodes/" + nodeId).json();
        }

        /** The node once the server has a heartbeat from after {@code after} (and {@code done} holds). */
        JsonNode awaitHeartbeatAfter(String what, Instant after, Predicate<JsonNode> done) throws InterruptedException {
            return eventually(what, this::node, n -> n.hasNonNull("lastHeartbeatAt")
                    && Instant.parse(n.get("lastHeartbeatAt").asText()).isAfter(after) && done.test(n));
        }

        /** The one pipeline the node reports, once it satisfies {@code done}. */
        JsonNode awaitPipeline(String what, Predicate<JsonNode> done) throws InterruptedException {
            return eventually(what, () -> node().get("pipelines"), p -> p.size() == 1 && done.test(p.get(0))).get(0);
        }

        JsonNode awaitRunning(int version) throws InterruptedException {
            return awaitPipeline("version " + version + " RUNNING", p -> p.get("version").asInt() == version
                    && p.get("status").asText().equals("RUNNING") && p.path("pid").asLong() > 0);
        }

        /**
         * The pipeline RUNNING at {@code version} with an uptime, as every view shows it: the node, the fleet list, and the
         * deployment panel (in sync); this is where a redeploy must end, not in STARTING.
         */
        JsonNode awaitSettled(String pipeline, int version) throws InterruptedException {
            JsonNode onNode = awaitPipeline("version " + version + " RUNNING with an uptime", p -> p.get("version").asInt() == version
                    && p.get("status").asText().equals("RUNNING") && p.path("pid").asLong() > 0 && p.hasNonNull("uptimeSeconds"));
            eventually("the deployment panel in sync on version " + version, () -> admin.get("/api/pipelines/" + pipeline + "/deployments").json()
                    .get("nodes").get(0), n -> n.get("inSync").asBoolean() && n.get("reportedVersion").asInt() == version
                    && n.get("status").asText().equals("RUNNING"));
            eventually("the fleet list shows the node HEALTHY", () -> admin.get("/api/environments/" + env + "/nodes").json().get("nodes").get(0),
                    n -> n.get("status").asText().equals("HEALTHY"));
            return onNode;
        }

        /** Rolls back to {@code number} (a new version) and deploys it; returns the new version's number. */
        int rollbackAndDeploy(String pipeline, int number) {
            ApiClient.Answer rolled = admin.postJson("/api/pipelines/" + pipeline + "/versions/" + number + "/rollback",
                    ApiClient.json("message", "back to " + number));
            assertThat(rolled.status()).as(rolled.body()).isIn(200, 201);
            int created = rolled.json().get("number").asInt();
            ApiClient.Answer deployed = admin.postJson("/api/pipelines/" + pipeline + "/deployments",
                    "{\"version\":" + created + ",\"selector\":{\"role\":\"e2e\"}}");
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
            return created;
        }

        String createPipeline(String name, String graph) {
            return fleet.createPipeline(name, graph);
        }

        /** Saves the graph, publishes it and deploys it to this lab's node; returns the version number. */
        int deploy(String pipeline, String graph) {
            fleet.saveGraph(pipeline, graph);
            return deployDraft(pipeline);
        }

        int deployDraft(String pipeline) {
            return fleet.publishAndDeploy(pipeline, "{\"selector\":{\"role\":\"e2e\"}}").get("version").asInt();
        }

        /** Every log line of the pipeline the server holds for this node, oldest first. */
        List<String> logLines(String pipeline) {
            List<String> lines = new ArrayList<>();
            admin.get("/api/nodes/" + nodeId + "/logs?limit=5000&pipelineId=" + pipeline).json().forEach(l -> lines.add(l.get("line").asText()));
            return lines;
        }

        @Override
        public void close() {
            fleet.close();
        }
    }

    @Test
    void givenServerAgentAndStandin_aDeployedPipelineRunsIsSampledReloadsRestartsSurvivesAnAgentRestartAndStops(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        try (Lab lab = new Lab(dir, Map.of())) {
            JsonNode node = lab.node();
            assertThat(node.get("labels").get("role").asText()).isEqualTo("e2e");
            assertThat(node.get("labels").get("site").asText()).isEqualTo("lab");
            assertThat(node.get("vectorVersion").asText()).contains("0.57");

            String pipeline = lab.createPipeline("e2e-logs", graph(".tag = \\\"one\\\""));
            assertThat(lab.deployDraft(pipeline)).isEqualTo(1);
            JsonNode first = lab.awaitPipeline("the pipeline RUNNING with counters",
                    p -> p.get("status").asText().equals("RUNNING") && p.path("eventsIn").asLong() > 0);
            long pid = first.get("pid").asLong();
            long events = first.get("eventsIn").asLong();
            lab.awaitPipeline("the counters grow", p -> p.path("eventsIn").asLong() > events);
            JsonNode status = lab.admin.get("/api/pipelines/" + pipeline + "/deployments").json();
            assertThat(status.get("nodes").get(0).get("inSync").asBoolean()).isTrue();

            // a sample: events at the output of a component and their schema, through `vector tap` on the node
            ApiClient.Answer requested = lab.admin.postJson("/api/nodes/" + lab.nodeId + "/samples",
                    "{\"pipelineId\":\"" + pipeline + "\",\"componentKeys\":[\"parse\"],\"limit\":3}");
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            String requestId = requested.json().get("requestId").asText();
            JsonNode sample = lab.eventually("the sample arrives", () -> lab.admin.get("/api/nodes/" + lab.nodeId + "/samples/" + requestId).json(),
                    s -> s.get("state").asText().equals("DONE") && s.get("results").size() == 1);
            JsonNode result = sample.get("results").get(0);
            assertThat(result.get("componentKey").asText()).isEqualTo("parse");
            assertThat(result.hasNonNull("error")).as(result.toString()).isFalse();
            assertThat(result.get("events")).hasSize(3);
            assertThat(result.get("schema")).anySatisfy(f -> {
                assertThat(f.get("path").asText()).isEqualTo(".status");
                assertThat(f.get("type").asText()).isEqualTo("integer");
            });

            // a transform change: a new version, reloaded by SIGHUP in the same process
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"two\\\""))).isEqualTo(2);
            assertThat(lab.awaitRunning(2).get("pid").asLong()).as("reloaded in place").isEqualTo(pid);

            // a misspelt global option is refused by the server itself: Vector would refuse it on every node
            assertThat(lab.admin.putJson("/api/pipelines/" + pipeline + "/graph", graph(".tag = \\\"two\\\"", "{\"timezon\":\"UTC\"}"))
                    .status()).isEqualTo(200);
            ApiClient.Answer typo = lab.admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "typo"));
            assertThat(typo.status()).as(typo.body()).isEqualTo(400);
            assertThat(typo.body()).contains("'timezon' is not an option here");

            // a global option change: Vector refuses to reload those, so the agent restarts it
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"two\\\"", "{\"timezone\":\"UTC\"}"))).isEqualTo(3);
            long restarted = lab.awaitRunning(3).get("pid").asLong();
            assertThat(restarted).as("a new Vector process").isNotEqualTo(pid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the old one stopped").isFalse();
            assertThat(lab.logLines(pipeline)).anyMatch(l -> l.contains("a global option changed: restarting Vector for version 3"));

            // the secret reached Vector through the agent, never the disk
            assertThat(filesContaining(lab.agentData, SECRET_VALUE)).isEmpty();
            assertThat(filesContaining(lab.agentData, "SECRET[vectorflow.e2e_token]")).isNotEmpty();

            // an agent restart adopts the running Vector: same pid, still RUNNING
            lab.agent().close();
            lab.fleet.restartAgent("e2e");
            Instant restartedAt = Instant.now();
            lab.awaitHeartbeatAfter("the restarted agent reports again", restartedAt.plusSeconds(1), n -> true);
            JsonNode adopted = lab.awaitRunning(3);
            assertThat(adopted.get("pid").asLong()).as("adopted, not restarted").isEqualTo(restarted);
            assertThat(ProcessHandle.of(restarted)).isPresent();

            // logs of the Vector process reach the server
            assertThat(lab.logLines(pipeline)).anyMatch(l -> l.contains("Vector has started."));

            // undeploy: the agent stops Vector and reports nothing for it any more
            assertThat(lab.admin.delete("/api/pipelines/" + pipeline + "/deployments").status()).isEqualTo(204);
            lab.eventually("the pipeline is gone from the node", () -> lab.node().get("pipelines"), JsonNode::isEmpty);
            lab.eventually("Vector stopped", () -> ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false)
                    ? null : lab.admin.get("/api/health").json(), h -> true);
        }
    }

    @Test
    void givenASampleOfTheSource_aPreviewOfADraftWithANewRemapStatement_showsTheFieldAddedOnTheSinkForEveryEvent(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        try (Lab lab = new Lab(dir, Map.of())) {
            String pipeline = lab.createPipeline("e2e-preview", graph(".tag = \\\"one\\\""));
            assertThat(lab.deployDraft(pipeline)).isEqualTo(1);
            lab.awaitPipeline("the pipeline RUNNING", p -> p.get("status").asText().equals("RUNNING"));

            // no sample of the source yet: the preview says to take one first, and nothing is queued
            String draft = graph(".tag = \\\"one\\\"\\n.env = \\\"prod\\\"");
            assertThat(lab.admin.putJson("/api/pipelines/" + pipeline + "/graph", draft).status()).isEqualTo(200);
            ApiClient.Answer early = lab.admin.postJson("/api/pipelines/" + pipeline + "/previews", ApiClient.json("nodeId", lab.nodeId));
            assertThat(early.status()).as(early.body()).isEqualTo(409);
            assertThat(early.body()).contains("take a sample");

            // bad input: one 400 naming every problem
            ApiClient.Answer bad = lab.admin.postJson("/api/pipelines/" + pipeline + "/previews", "{\"against\":\"latest\",\"color\":1}");
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.body()).contains("nodeId").contains("against").contains("color");

            ApiClient.Answer requested = lab.admin.postJson("/api/nodes/" + lab.nodeId + "/samples",
                    "{\"pipelineId\":\"" + pipeline + "\",\"componentKeys\":[\"demo\"],\"limit\":4}");
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            String sampleId = requested.json().get("requestId").asText();
            lab.eventually("the sample of the source arrives", () -> lab.admin.get("/api/nodes/" + lab.nodeId + "/samples/" + sampleId).json(),
                    s -> s.get("state").asText().equals("DONE") && s.get("results").size() == 1);

            // the draft adds a field: the preview runs both configs on the node and shows it added on the sink
            ApiClient.Answer started = lab.admin.postJson("/api/pipelines/" + pipeline + "/previews",
                    "{\"nodeId\":\"" + lab.nodeId + "\",\"against\":\"deployed\"}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String previewId = started.json().get("previewId").asText();
            JsonNode preview = lab.eventually("the preview is answered", () -> lab.admin.get("/api/pipelines/" + pipeline + "/previews/" + previewId)
                    .json(), p -> !p.get("state").asText().equals("PENDING"));
            assertThat(preview.get("state").asText()).as(preview.toString()).isEqualTo("DONE");
            assertThat(preview.get("againstVersion").asInt()).isEqualTo(1);
            assertThat(preview.get("againstDeployed").asBoolean()).isTrue();
            int events = preview.get("sampleEvents").asInt();
            assertThat(events).isEqualTo(4);
            JsonNode sink = preview.get("sinks").get(0);
            assertThat(sink.get("sinkId").asText()).isEqualTo("out");
            assertThat(sink.get("eventsBefore").asInt()).isEqualTo(events);
            assertThat(sink.get("eventsAfter").asInt()).isEqualTo(events);
            assertThat(sink.get("dropped").asInt()).isZero();
            assertThat(sink.get("fieldsAdded")).hasSize(1);
            assertThat(sink.get("fieldsAdded").get(0).get("path").asText()).isEqualTo(".env");
            assertThat(sink.get("fieldsAdded").get(0).get("events").asInt()).isEqualTo(events);
            assertThat(sink.get("fieldsAdded").get(0).get("after").asText()).isEqualTo("\"prod\"");
            assertThat(sink.get("fieldsRemoved")).isEmpty();
            assertThat(sink.get("fieldsChanged")).isEmpty();
            assertThat(preview.get("routes")).hasSize(events).allSatisfy(r -> {
                assertThat(r.get("before").toString()).isEqualTo("[\"out\"]");
                assertThat(r.get("after").toString()).isEqualTo("[\"out\"]");
            });
            assertThat(lab.admin.get("/api/audit?action=pipeline.preview").body()).contains("pipeline.preview");
            lab.eventually("the node's preview action is settled", () -> lab.admin.get("/api/nodes/" + lab.nodeId + "/actions").json(),
                    a -> a.toString().contains("\"type\":\"preview\"") && a.toString().contains("SUCCEEDED"));
        }
    }

    @Test
    void givenServerAgentAndStandin_aRefusedConfigRepeatedCrashesAndAServerOutage_areReportedAndSurvived(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        // production logic, shorter timings: settle 5 s, crash backoff 250 ms doubling to 1 s, CRASH_LOOP after 4 fast crashes
        Map<String, String> agentSettings = Map.of("VF_SETTLE_WINDOW", "5s", "VF_CRASH_BACKOFF", "250ms", "VF_CRASH_BACKOFF_MAX", "1s",
                "VF_CRASH_LOOP_AFTER", "4");
        try (Lab lab = new Lab(dir, agentSettings)) {
            assertThat(lab.agent().output()).contains("settle window 5000ms, crash backoff 250ms doubling to 1000ms, CRASH_LOOP after 4 fast crashes");
            String pipeline = lab.createPipeline("e2e-failures", graph(".tag = \\\"one\\\""));
            lab.deployDraft(pipeline);
            long pid = lab.awaitRunning(1).get("pid").asLong();

            // a config the server lets through (it does not compile VRL) but Vector refuses: the old one keeps running
            ApiClient.Answer saved = lab.admin.putJson("/api/pipelines/" + pipeline + "/graph", graph(".tag = parse_jsn!(.message)"));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(lab.deployDraft(pipeline)).isEqualTo(2);
            JsonNode failed = lab.awaitPipeline("FAILED reported", p -> p.get("status").asText().equals("FAILED"));
            assertThat(failed.get("version").asInt()).as("the running version").isEqualTo(1);
            assertThat(failed.get("pid").asLong()).isEqualTo(pid);
            assertThat(failed.get("error").asText()).contains("vector validate refused version 2").contains("call to undefined function `parse_jsn`");
            JsonNode onNode = lab.admin.get("/api/pipelines/" + pipeline + "/deployments").json().get("nodes").get(0);
            assertThat(onNode.get("desiredVersion").asInt()).isEqualTo(2);
            assertThat(onNode.get("reportedVersion").asInt()).isEqualTo(1);
            assertThat(onNode.get("inSync").asBoolean()).isFalse();
            assertThat(onNode.get("status").asText()).isEqualTo("FAILED");
            assertThat(lab.node().get("status").asText()).isEqualTo("DEGRADED");
            long eventsWhenRefused = failed.path("eventsIn").asLong();
            Instant refusedAt = Instant.now();
            lab.awaitHeartbeatAfter("five more heartbeats", refusedAt.plusSeconds(5), n -> true);
            JsonNode stillFailed = lab.awaitPipeline("still FAILED on version 1, counting", p -> p.get("status").asText().equals("FAILED")
                    && p.path("eventsIn").asLong() > eventsWhenRefused);
            assertThat(stillFailed.get("pid").asLong()).isEqualTo(pid);
            assertThat(occurrences(lab.agent().output(), "vector validate refused version 2")).as("the refused checksum is not tried again")
                    .isEqualTo(1);

            // a good version recovers, reloaded in the same process
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"three\\\""))).isEqualTo(3);
            JsonNode recovered = lab.awaitRunning(3);
            assertThat(recovered.get("pid").asLong()).isEqualTo(pid);
            assertThat(recovered.path("error").asText()).as("no error any more").isEmpty();
            lab.eventually("the node HEALTHY again", lab::node, n -> n.get("status").asText().equals("HEALTHY"));

            // the server goes away for a while: Vector keeps running, what it logs meanwhile is kept and arrives later
            long eventsBefore = lab.awaitRunning(3).path("eventsIn").asLong();
            lab.fleet.stopServer();
            Instant outageFrom = Instant.now();
            Thread.sleep(5000);
            hangUp(pid); // Vector logs while nobody listens
            Thread.sleep(5000);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("Vector kept running").isTrue();
            lab.fleet.startServerAgain(SERVER_SETTINGS);
            Instant outageUntil = Instant.now();
            JsonNode back = lab.awaitHeartbeatAfter("the agent back on the new server", outageUntil,
                    n -> n.get("status").asText().equals("HEALTHY"));
            JsonNode afterOutage = lab.awaitPipeline("RUNNING after the outage, still counting",
                    p -> p.get("status").asText().equals("RUNNING") && p.path("eventsIn").asLong() > eventsBefore);
            assertThat(afterOutage.get("pid").asLong()).as("the same Vector process").isEqualTo(pid);
            assertThat(afterOutage.get("version").asInt()).isEqualTo(3);
            assertThat(back.get("pipelines")).hasSize(1);
            List<String> outageLines = lab.eventually("the lines Vector logged during the outage",
                    () -> linesLoggedBetween(lab.logLines(pipeline), outageFrom, outageUntil), l -> !l.isEmpty());
            assertThat(outageLines).anyMatch(l -> l.contains("Signal received. signal=\"SIGHUP\""));

            // Vector killed again and again: restarted with a doubling backoff, then CRASH_LOOP (no restarts) until a new config
            long victim = pid;
            for (int crash = 1; crash <= 4; crash++) {
                kill(victim);
                long killed = victim;
                if (crash < 4) {
                    victim = lab.awaitPipeline("Vector restarted after crash " + crash, p -> p.get("status").asText().equals("RUNNING")
                            && p.path("pid").asLong() != killed).get("pid").asLong();
                }
            }
            JsonNode loop = lab.awaitPipeline("CRASH_LOOP", p -> p.get("status").asText().equals("CRASH_LOOP"));
            assertThat(loop.get("error").asText()).contains("Vector (pid " + victim + ") exited with code 137");
            assertThat(lab.node().get("status").asText()).isEqualTo("DEGRADED");
            assertThat(lab.eventually("the restarts in the log", () -> lab.logLines(pipeline),
                    l -> l.stream().anyMatch(x -> x.contains("CRASH_LOOP"))))
                    .anyMatch(l -> l.contains("restarting in 250 ms (crash 1)"))
                    .anyMatch(l -> l.contains("restarting in 500 ms (crash 2)"))
                    .anyMatch(l -> l.contains("restarting in 1000 ms (crash 3)"))
                    .anyMatch(l -> l.contains("4 fast crashes in a row: CRASH_LOOP, no more restarts until a new config arrives"));
            Instant loopAt = Instant.now();
            JsonNode stillLooping = lab.awaitHeartbeatAfter("three more heartbeats", loopAt.plusSeconds(3), n -> true).get("pipelines").get(0);
            assertThat(stillLooping.get("status").asText()).as("no restarts in CRASH_LOOP").isEqualTo("CRASH_LOOP");
            assertThat(stillLooping.path("pid").isNull() || stillLooping.path("pid").isMissingNode()).as(stillLooping.toString()).isTrue();

            // a new config clears CRASH_LOOP
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"four\\\""))).isEqualTo(4);
            long revived = lab.awaitRunning(4).get("pid").asLong();
            assertThat(ProcessHandle.of(revived).map(ProcessHandle::isAlive).orElse(false)).isTrue();
            lab.eventually("the node HEALTHY again", lab::node, n -> n.get("status").asText().equals("HEALTHY"));
        }
    }

    @Test
    void givenServerAgentAndStandin_everyRedeployAndRollbackEndsRunningWithUptime_andVectorsLogKeepsFlowingAcrossReloadsRestartsAndAgentRestarts(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        try (Lab lab = new Lab(dir, Map.of())) {
            String pipeline = lab.createPipeline("e2e-redeploys", graph(".tag = \\\"one\\\""));
            assertThat(lab.deployDraft(pipeline)).isEqualTo(1);
            long pid = lab.awaitSettled(pipeline, 1).get("pid").asLong();

            // a second and a third deploy of the same pipeline: reloads in the same process, each ends RUNNING with uptime
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"two\\\""))).isEqualTo(2);
            assertThat(lab.awaitSettled(pipeline, 2).get("pid").asLong()).isEqualTo(pid);
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"three\\\""))).isEqualTo(3);
            assertThat(lab.awaitSettled(pipeline, 3).get("pid").asLong()).isEqualTo(pid);
            lab.eventually("a reload line per redeploy", () -> lab.logLines(pipeline),
                    l -> l.stream().filter(x -> x.contains("Vector has reloaded.")).count() >= 2);

            // a rollback deployed: the config of version 1 again, as version 4
            assertThat(lab.rollbackAndDeploy(pipeline, 1)).isEqualTo(4);
            assertThat(lab.awaitSettled(pipeline, 4).get("pid").asLong()).isEqualTo(pid);

            // a rollback to the config the node runs right now (version 5 published, never deployed, rolled back to 4):
            // nothing to reload, but the node must report the new number, not stay on the old one
            assertThat(lab.admin.putJson("/api/pipelines/" + pipeline + "/graph", graph(".tag = \\\"five\\\"")).status()).isEqualTo(200);
            ApiClient.Answer five = lab.admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "not deployed"));
            assertThat(five.status()).as(five.body()).isEqualTo(201);
            assertThat(lab.rollbackAndDeploy(pipeline, 4)).isEqualTo(6);
            JsonNode sameConfig = lab.awaitSettled(pipeline, 6);
            assertThat(sameConfig.get("pid").asLong()).as("nothing to reload").isEqualTo(pid);

            // a restart (a global option changed): the old process's last lines and the new one's first lines both arrive
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"seven\\\"", "{\"timezone\":\"UTC\"}"))).isEqualTo(7);
            long restarted = lab.awaitSettled(pipeline, 7).get("pid").asLong();
            assertThat(restarted).isNotEqualTo(pid);
            lab.eventually("the stopped Vector's last line and the new one's start", () -> lab.logLines(pipeline),
                    l -> l.stream().anyMatch(x -> x.contains("Vector has stopped."))
                            && l.stream().filter(x -> x.contains("Vector has started.")).count() >= 2);

            // the agent stopped: what Vector logs while no agent runs arrives once the next agent is up, nothing twice
            lab.agent().close();
            hangUp(restarted);
            Thread.sleep(1000);
            lab.fleet.restartAgent("e2e");
            // (Vector cannot resolve its secrets without the agent, so that reload fails; what matters is that its lines come)
            List<String> lines = lab.eventually("the lines Vector logged while no agent ran", () -> lab.logLines(pipeline),
                    l -> l.stream().anyMatch(x -> x.contains("reload aborted")));
            assertThat(lines.stream().filter(x -> x.contains("Signal received. signal=\"SIGHUP\"")).count()).isEqualTo(4);
            assertThat(lines.stream().filter(x -> x.contains("Vector has started.")).count()).as("no line delivered twice").isEqualTo(2);
            assertThat(lab.awaitSettled(pipeline, 7).get("pid").asLong()).as("adopted").isEqualTo(restarted);

            // and a deploy after the agent restart still ends RUNNING, its log lines still arrive
            assertThat(lab.deploy(pipeline, graph(".tag = \\\"eight\\\"", "{\"timezone\":\"UTC\"}"))).isEqualTo(8);
            assertThat(lab.awaitSettled(pipeline, 8).get("pid").asLong()).isEqualTo(restarted);
            lab.eventually("the reload after the agent restart", () -> lab.logLines(pipeline),
                    l -> l.stream().filter(x -> x.contains("Vector has reloaded.")).count() == 4);
        }
    }

    /** The lines whose own time stamp (Vector's log format starts with one) lies between {@code from} and {@code until}. */
    private static List<String> linesLoggedBetween(List<String> lines, Instant from, Instant until) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            try {
                Instant at = Instant.parse(space < 0 ? line : line.substring(0, space));
                if (at.isAfter(from) && at.isBefore(until)) {
                    out.add(line);
                }
            } catch (DateTimeParseException notStamped) {
                // a line of the agent's own, or a continuation line
            }
        }
        return out;
    }

    /** SIGKILL, as an out-of-memory killer or a careless operator would; waits until the process is gone. */
    private static void kill(long pid) throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        handle.destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(handle.isAlive()).as("pid " + pid + " killed").isFalse();
    }

    private static void hangUp(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
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
