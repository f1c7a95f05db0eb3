package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.service.fleet.FleetJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL: what one changes, agents polling the other see by their next heartbeat; periodic
 * jobs run on one of them and move when it stops. Also the status sweep, retention and the metrics queries.
 */
class FleetServersTest {

    private static final String MASTER_KEY = "0".repeat(64);

    private static Map<String, String> settings() {
        return Map.of("VF_MASTER_KEY", MASTER_KEY, "VF_POLL_INTERVAL_MS", "500", "VF_UNHEALTHY_THRESHOLD", "2",
                "VF_JOB_LEASE_SECONDS", "2");
    }

    private static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode beat(ApiClient agent) {
        ApiClient.Answer answer = agent.postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1.0.0\"}");
        assertThat(answer.status()).as(answer.body()).isIn(200, 401);
        return answer.status() == 200 ? answer.json() : null;
    }

    @Test
    void givenTwoServers_changesThroughOneReachAgentsOfTheOther_andJobsMoveWhenTheHolderStops(@TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        DatabaseSettings database = TestDatabases.freshDatabase();
        try (TestServer a = TestServer.startOn(database, dataA, settings());
             TestServer b = TestServer.startOn(database, dataB, settings())) {
            ApiClient admin = a.root();
            String team = a.createTeam("two-servers");
            String env = a.createEnvironment(admin, team, "shared");
            String token = admin.postJson("/api/environments/" + env + "/enrollment-tokens", "{}").json().get("token").asText();
            JsonNode enrolled = b.anonymous.postJson("/api/agent/enroll", ApiClient.json("token", token, "hostname", "b-node")).json();
            ApiClient agentOnB = b.anonymous.withBearer(enrolled.get("nodeToken").asText());
            String nodeId = enrolled.get("nodeId").asText();
            assertThat(beat(agentOnB).get("pendingActions")).isEmpty();

            // deploy through A: the agent polling B is told at its next heartbeat
            String pipeline = admin.postJson("/api/environments/" + env + "/pipelines",
                    "{\"name\":\"shared-p\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}").json().get("id").asText();
            admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "v1"));
            assertThat(admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{\"selector\":{\"zone\":\"b\"}}").status()).isEqualTo(201);
            assertThat(beat(agentOnB).get("pendingActions")).isEmpty();
            // a label set through A makes it match
            assertThat(admin.putJson("/api/nodes/" + nodeId + "/labels", "{\"labels\":{\"zone\":\"b\"}}").status()).isEqualTo(200);
            eventually("the label reaches B", () -> beat(agentOnB).get("pendingActions").size() == 1);
            // an undeploy through A
            assertThat(admin.delete("/api/pipelines/" + pipeline + "/deployments").status()).isEqualTo(204);
            eventually("the undeploy reaches B", () -> beat(agentOnB).get("pendingActions").isEmpty());

            // jobs run on one server only
            Supplier<String> sweepHolder = () -> a.app.scheduler().holderOf(FleetJobs.STATUS_SWEEP).orElse("");
            eventually("someone holds the sweep", () -> !sweepHolder.get().isEmpty());
            assertThat(List.of(a.app.scheduler().holder(), b.app.scheduler().holder())).contains(sweepHolder.get());

            // a holder that stops renewing (crashed) loses the lease to a live server once it lapses
            a.sql("update job_leases set holder = 'crashed-server', expires_at = now() + interval '2 seconds' where name = '"
                    + FleetJobs.STATUS_SWEEP + "' returning name");
            eventually("a live server took the sweep over", () -> List.of(a.app.scheduler().holder(), b.app.scheduler().holder())
                    .contains(sweepHolder.get()));

            // the node goes silent: the sweep marks it UNREACHABLE (2 polls of 500 ms), and a heartbeat brings it back
            eventually("the node is UNREACHABLE", () -> "UNREACHABLE".equals(admin.get("/api/nodes/" + nodeId).json().get("status").asText()));
            JsonNode node = admin.get("/api/nodes/" + nodeId).json();
            assertThat(node.get("statusReason").asText()).contains("no heartbeat");
            beat(agentOnB);
            b.app.services().telemetryWriter.flush();
            node = admin.get("/api/nodes/" + nodeId).json();
            assertThat(node.get("status").asText()).isEqualTo("HEALTHY");
            assertThat(node.get("transitions").get(0).get("from").asText()).isEqualTo("UNREACHABLE");
            assertThat(node.get("transitions").get(1).get("to").asText()).isEqualTo("UNREACHABLE");

            // a revocation through A: the agent on B gets 401 from its next call
            assertThat(admin.delete("/api/nodes/" + nodeId + "/token").status()).isEqualTo(204);
            eventually("the revocation reaches B", () -> beat(agentOnB) == null);

            // the holder stops cleanly: the other server takes the job at once
            String holder = sweepHolder.get();
            TestServer stopping = holder.equals(a.app.scheduler().holder()) ? a : b;
            TestServer staying = stopping == a ? b : a;
            stopping.close();
            eventually("the other server runs the sweep", () -> staying.app.scheduler().holderOf(FleetJobs.STATUS_SWEEP)
                    .orElse("").equals(staying.app.scheduler().holder()));
        }
    }

    @Test
    void givenStoredRollups_metricsQueriesAnswerPerStep_andRetentionDropsOldTelemetry(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.start(data, Map.of("VF_MASTER_KEY", MASTER_KEY))) {
            ApiClient admin = server.root();
            String env = server.createEnvironment(admin, server.createTeam("metrics"), "m");
            String token = admin.postJson("/api/environments/" + env + "/enrollment-tokens", "{}").json().get("token").asText();
            String nodeId = server.anonymous.postJson("/api/agent/enroll", ApiClient.json("token", token, "hostname", "m-1")).json()
                    .get("nodeId").asText();
            String pipeline = admin.postJson("/api/environments/" + env + "/pipelines",
                    "{\"name\":\"metered\",\"graph\":" + PipelineFixtures.SIMPLE_GRAPH + "}").json().get("id").asText();
            Instant minute = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(110)); // a finished hour
            if (minute.getEpochSecond() / 60 % 2 == 1) {
                minute = minute.minus(Duration.ofMinutes(1)); // both minutes in one 2-minute bucket
            }
            NodeId node = new NodeId(UUID.fromString(nodeId));
            PipelineId p = new PipelineId(UUID.fromString(pipeline));
            server.app.services().telemetryWriter.offerRollups(
                    List.of(new HostMinute(node, minute, 4, 20.0, 0.5, 1000L, 4000L, 10L, 100L, 1.0, 2.0, 3.0, 4.0),
                            new HostMinute(node, minute.plusSeconds(60), 4, 40.0, 0.7, 2000L, 4000L, 10L, 100L, 1.0, 2.0, 3.0, 4.0),
                            new HostMinute(node, Instant.now().minus(Duration.ofDays(30)), 4, 1.0, 0.1, 1L, 1L, 1L, 1L, 1.0, 1.0, 1.0, 1.0)),
                    List.of(new ComponentMinute(p, "app_logs", "source", minute, 600, 600, 6000, 6000, 0, 0),
                            new ComponentMinute(p, "app_logs", "source", minute, 600, 600, 6000, 6000, 0, 0),
                            new ComponentMinute(p, "out", "sink", minute, 1200, 1140, 12000, 11400, 6, 60)));
            server.app.services().telemetryWriter.flush();

            String range = "from=" + minute.minus(Duration.ofMinutes(1)) + "&to=" + minute.plus(Duration.ofMinutes(3));
            JsonNode host = admin.get("/api/nodes/" + nodeId + "/metrics?" + range + "&step=60").json();
            assertThat(host.get("step").asInt()).isEqualTo(60);
            assertThat(host.get("points")).hasSize(2);
            assertThat(host.get("points").get(0).get("cpuPercent").asDouble()).isEqualTo(20.0);
            JsonNode twoMinutes = admin.get("/api/nodes/" + nodeId + "/metrics?" + range + "&step=120").json();
            assertThat(twoMinutes.get("points").findValuesAsText("cpuPercent")).contains("30.0");

            JsonNode flow = admin.get("/api/pipelines/" + pipeline + "/metrics?" + range + "&step=60").json();
            // two servers' rows for the same minute add up: 1200 events from sources in 60 s
            assertThat(flow.get("totals").get(0).get("eventsInPerSec").asDouble()).isEqualTo(20.0);
            assertThat(flow.get("totals").get(0).get("eventsOutPerSec").asDouble()).isEqualTo(19.0);
            assertThat(flow.get("totals").get(0).get("discardedPerSec").asDouble()).isEqualTo(1.0);
            assertThat(flow.get("components").get("out").get(0).get("errorsPerSec").asDouble()).isEqualTo(0.1);

            assertThat(admin.get("/api/nodes/" + nodeId + "/metrics?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&step=60").status())
                    .isEqualTo(400);
            assertThat(admin.get("/api/nodes/" + nodeId + "/metrics?from=yesterday").json().get("problems").get(0).get("field").asText())
                    .isEqualTo("from");

            assertThat(server.sql("select count(*) from host_metrics_minute").getFirst()).isEqualTo("3");
            long deleted = server.app.services().fleetJobs.enforceRetention();
            assertThat(deleted).isPositive();
            assertThat(server.sql("select count(*) from host_metrics_minute").getFirst()).isEqualTo("2");
            assertThat(Integer.parseInt(server.sql("select count(*) from host_metrics_hour").getFirst())).isPositive();
        }
    }
}
