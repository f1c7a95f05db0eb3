package dev.vectorflow.app;

import static dev.vectorflow.app.AgentFleetFixture.CRASH_MARKER;
import static dev.vectorflow.app.AgentFleetFixture.graph;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vectorflow.app.ApiClient.Answer;
import dev.vectorflow.app.WebhookReceiver.Received;
import dev.vectorflow.core.alert.RetrySchedule;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The alerts feature end to end through the real server, two real agent processes and the Vector stand-in, delivered by
 * the real notification sender to a webhook receiver and an SMTP server on loopback (allowed through
 * {@code alerts.allowedPrivateNetworks}): a pipeline in CRASH_LOOP, an agent that stops, a threshold on events/s, e-mail,
 * retries, a silenced node, the address guard, and a server restart while an alert fires. One server and two agents
 * serve every scenario; each scenario makes its own channels, rules and pipelines and deletes its rules, so none depends
 * on another having run. The server evaluates every second and retries after 1 s, 2 s, 4 s: production logic, shorter
 * timings.
 */
class AlertAgentEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Map<String, String> SERVER_SETTINGS = Map.of("VF_POLL_INTERVAL_MS", "1000", "VF_UNHEALTHY_THRESHOLD", "3");
    private static final AlertComposition.Timings TIMINGS = new AlertComposition.Timings(Duration.ofSeconds(1), Duration.ofMillis(500),
            new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(4), 8));
    /** The server's public URL setting: notifications link into the UI there. */
    private static final String PUBLIC_URL = "https://vectorflow.example.com";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static AgentFleetFixture fleet;
    private static ApiClient admin;
    private static String environment;
    private static Path control;
    private static String nodeA;
    private static String nodeB;
    /** Runs on both nodes all along, at the stand-in's rate (20 events/s per node unless the control file says otherwise). */
    private static String steady;
    private static WebhookReceiver receiver;
    private static GreenMail smtp;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        fleet = new AgentFleetFixture(dir, TestServer.startDelivering(dir.resolve("server"), SERVER_SETTINGS, TIMINGS), "alerts", "alerts-e2e",
                WAIT, () -> "received: " + receiver.all());
        admin = fleet.admin;
        environment = fleet.environment;
        allowedNetworks("\"127.0.0.0/8\"");
        Answer publicUrl = admin.putJson("/api/settings", "{\"values\":{\"auth.publicUrl\":\"" + PUBLIC_URL + "/\"}}");
        assertThat(publicUrl.status()).as(publicUrl.body()).isEqualTo(200);
        control = fleet.standinControl("standin-control.properties", "");
        eventsPerSecond(-1);
        Map<String, String> supervision = AgentFleetFixture.supervision(control);
        Map<String, Map<String, String>> roles = new LinkedHashMap<>();
        roles.put("a", supervision);
        roles.put("b", supervision);
        fleet.startAgents(roles);
        nodeA = fleet.node("a");
        nodeB = fleet.node("b");
        steady = fleet.createPipeline("steady", graph("steady"));
        deploy(steady, "site", "lab");
        awaitPipeline(nodeA, steady, "RUNNING");
        awaitPipeline(nodeB, steady, "RUNNING");
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    // ---------------------------------------------------------------- the scenarios

    @Test
    void aPipelineInCrashLoop_firesPipelineFailingToTheWebhookSigned_andAGoodDeployResolvesIt() throws Exception {
        String secret = WebhookReceiver.newSecret();
        String channel = webhookChannel("failing", "/failing", secret);
        String crashy = fleet.createPipeline("crashy", graph(CRASH_MARKER));
        // forSeconds: a restarted Vector that runs for a moment between crashes clears a PENDING alert, so it fires once
        // the agent gave up restarting (CRASH_LOOP), not on every crash
        String rule = createRule("{\"name\":\"pipeline failing\",\"severity\":\"critical\",\"forSeconds\":6,\"channels\":[\"" + channel
                + "\"],\"condition\":{\"kind\":\"pipeline_failing\",\"pipeline\":\"" + crashy + "\"}}");
        try {
            deploy(crashy, "role", "a");
            awaitPipeline(nodeA, crashy, "CRASH_LOOP");

            Received firing = awaitNotification("/failing", "firing");
            assertThat(firing.header("webhook-signature")).isEqualTo(WebhookReceiver.signature(secret, firing));
            assertThat(firing.header("webhook-id")).isEqualTo(firing.json().get("id").asText());
            assertThat(Instant.ofEpochSecond(Long.parseLong(firing.header("webhook-timestamp")))).isBetween(Instant.now().minusSeconds(120),
                    Instant.now());
            JsonNode data = firing.json().get("data");
            assertThat(firing.json().get("type").asText()).isEqualTo("alert.firing");
            assertThat(data.get("rule").asText()).isEqualTo("pipeline failing");
            assertThat(data.get("severity").asText()).isEqualTo("critical");
            assertThat(data.get("environment").asText()).isEqualTo("alerts-e2e");
            assertThat(data.get("alerts")).singleElement().satisfies(a -> {
                assertThat(a.get("key").asText()).contains("node=" + nodeA).contains("pipeline=" + crashy);
                assertThat(a.get("pipeline").asText()).isEqualTo("crashy");
                assertThat(a.get("message").asText()).contains("crash_loop");
            });
            JsonNode alert = alertsOf(rule).get(0);
            assertThat(alert.get("state").asText()).isEqualTo("FIRING");
            assertThat(data.get("link").asText()).as("the alert in the UI").isEqualTo(PUBLIC_URL + "/alerts?environment=" + environment
                    + "&alert=" + alert.get("id").asText());

            // a good version: Vector runs again, the alert resolves and the receiver hears so, signed
            saveAndDeploy(crashy, graph("fine"), "role", "a");
            awaitPipeline(nodeA, crashy, "RUNNING");
            Received resolved = awaitNotification("/failing", "resolved");
            assertThat(resolved.header("webhook-signature")).isEqualTo(WebhookReceiver.signature(secret, resolved));
            assertThat(resolved.header("webhook-id")).isNotEqualTo(firing.header("webhook-id"));
            assertThat(resolved.json().get("type").asText()).isEqualTo("alert.resolved");
            assertThat(resolved.json().get("data").get("alerts").get(0).get("resolvedAt").asText()).isNotEmpty();
            assertThat(alertsOf(rule)).singleElement().satisfies(a -> assertThat(a.get("state").asText()).isEqualTo("RESOLVED"));
            assertThat(receiver.notifications("/failing")).as("fired once, resolved once").hasSize(2);
        } finally {
            deleteRule(rule);
            assertThat(admin.delete("/api/pipelines/" + crashy + "/deployments").status()).isEqualTo(204);
        }
    }

    @Test
    void aNodeWhoseAgentStops_firesNodeUnreachable_andResolvesOnceTheAgentIsBack() throws Exception {
        String secret = WebhookReceiver.newSecret();
        String rule = createRule("{\"name\":\"node gone\",\"channels\":[\"" + webhookChannel("unreachable", "/unreachable", secret)
                + "\"],\"condition\":{\"kind\":\"node_unreachable\",\"selector\":\"role=b\"}}");
        try {
            fleet.agent("b").close();
            Received firing = awaitNotification("/unreachable", "firing");
            assertThat(firing.header("webhook-signature")).isEqualTo(WebhookReceiver.signature(secret, firing));
            assertThat(firing.json().get("data").get("alerts")).singleElement()
                    .satisfies(a -> assertThat(a.get("key").asText()).isEqualTo(rule + "/node=" + nodeB));
            assertThat(admin.get("/api/nodes/" + nodeB).json().get("status").asText()).isEqualTo("UNREACHABLE");

            fleet.restartAgent("b");
            awaitNotification("/unreachable", "resolved");
            assertThat(alertsOf(rule)).singleElement().satisfies(a -> assertThat(a.get("state").asText()).isEqualTo("RESOLVED"));
        } finally {
            deleteRule(rule);
            if (!fleet.agent("b").isAlive()) {
                fleet.restartAgent("b");
            }
        }
    }

    @Test
    void aThresholdOnEventsPerSecond_firesWhenTheRateRises_andResolvesWhenItFalls() throws Exception {
        String secret = WebhookReceiver.newSecret();
        // 20 events/s per node normally (40 over both); node A's stand-in is told to make 250 a second, then 20 again
        String rule = createRule("{\"name\":\"too busy\",\"channels\":[\"" + webhookChannel("rate", "/rate", secret)
                + "\"],\"message\":\"{{pipeline}} takes {{value}} events/s\",\"condition\":{\"kind\":\"pipeline_metric\",\"pipeline\":\""
                + steady + "\",\"metric\":\"events_in_per_second\",\"comparison\":\">\",\"threshold\":100,\"hysteresis\":10}}");
        try {
            eventsPerSecond(250);
            Received firing = awaitNotification("/rate", "firing");
            JsonNode alert = firing.json().get("data").get("alerts").get(0);
            assertThat(alert.get("key").asText()).isEqualTo(rule + "/pipeline=" + steady);
            assertThat(Double.parseDouble(alert.get("value").asText())).isGreaterThan(100);
            assertThat(alert.get("threshold").asText()).isEqualTo("100");
            assertThat(alert.get("message").asText()).startsWith("steady takes ");

            eventsPerSecond(-1);
            Received resolved = awaitNotification("/rate", "resolved");
            assertThat(resolved.header("webhook-signature")).isEqualTo(WebhookReceiver.signature(secret, resolved));
            JsonNode last = eventually("the alert RESOLVED with the rate it resolved at", () -> alertsOf(rule),
                    l -> l.size() == 1 && l.get(0).get("state").asText().equals("RESOLVED")).get(0);
            assertThat(last.get("value").asDouble()).isLessThanOrEqualTo(90);
        } finally {
            eventsPerSecond(-1);
            deleteRule(rule);
        }
    }

    @Test
    void anEmailChannel_deliversTheAlertToTheSmtpServer() throws Exception {
        Answer created = admin.postJson(env("/alert-channels"), "{\"name\":\"ops mail\",\"kind\":\"email\",\"settings\":{\"host\":\"127.0.0.1\","
                + "\"port\":\"" + smtp.getSmtp().getPort() + "\",\"startTls\":\"false\",\"from\":\"vectorflow@example.com\","
                + "\"to\":\"ops@example.com\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String rule = createRule("{\"name\":\"steady flows\",\"severity\":\"info\",\"channels\":[\"" + created.json().get("id").asText()
                + "\"],\"condition\":{\"kind\":\"pipeline_metric\",\"pipeline\":\"" + steady
                + "\",\"metric\":\"events_in_per_second\",\"comparison\":\">\",\"threshold\":0.5}}");
        try {
            MimeMessage mail = eventually("the alert e-mail", () -> mailAbout("steady flows"), m -> true);
            assertThat(mail.getSubject()).isEqualTo("[INFO] FIRING: steady flows — 1 alert (alerts-e2e)");
            assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ops@example.com");
            assertThat(mail.getContent().toString()).contains("Rule:        steady flows").contains("Pipeline: steady")
                    .contains("Open in VectorFlow: " + PUBLIC_URL + "/alerts?environment=" + environment + "&alert=");
        } finally {
            deleteRule(rule);
        }
    }

    @Test
    void aReceiverThatFailsThreeTimes_getsTheAlertOnTheFourthAttempt_underOneEventId() throws Exception {
        String secret = WebhookReceiver.newSecret();
        String channel = webhookChannel("flaky", "/flaky", secret);
        receiver.failNext("/flaky", 3);
        String rule = createRule("{\"name\":\"steady flows again\",\"channels\":[\"" + channel + "\"],\"condition\":{\"kind\":"
                + "\"pipeline_metric\",\"pipeline\":\"" + steady + "\",\"metric\":\"events_in_per_second\",\"comparison\":\">\",\"threshold\":0.5}}");
        try {
            List<Received> attempts = eventually("the notification answered 200", () -> receiver.notifications("/flaky"),
                    l -> l.stream().anyMatch(r -> r.answered() == 200));
            assertThat(attempts).extracting(Received::answered).containsExactly(500, 500, 500, 200);
            assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(attempts.getFirst().header("webhook-id"));
            attempts.forEach(a -> assertThat(a.header("webhook-signature")).isEqualTo(WebhookReceiver.signature(secret, a)));
            JsonNode delivery = admin.get(env("/alert-channels/" + channel + "/deliveries")).json().get("items");
            assertThat(delivery).singleElement().satisfies(d -> {
                assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
                List<Integer> codes = new ArrayList<>();
                d.get("attempts").forEach(a -> codes.add(a.get("statusCode").asInt()));
                assertThat(codes).as("newest attempt first").containsExactly(200, 500, 500, 500);
            });
        } finally {
            deleteRule(rule);
        }
    }

    @Test
    void aSilencedNode_sendsNothing_whileItsAlertIsListedSilenced() throws Exception {
        String channel = webhookChannel("silenced", "/silenced", WebhookReceiver.newSecret());
        Answer silence = admin.postJson(env("/silences"), "{\"nodeId\":\"" + nodeB + "\",\"until\":\"" + Instant.now().plus(Duration.ofHours(1))
                + "\",\"reason\":\"node b under repair\"}");
        assertThat(silence.status()).as(silence.body()).isEqualTo(201);
        // one alert per node: node A's goes out, node B's is silenced (both fire in the same round, from the same rates)
        String rule = createRule("{\"name\":\"flows per node\",\"channels\":[\"" + channel + "\"],\"condition\":{\"kind\":\"pipeline_metric\","
                + "\"pipeline\":\"" + steady + "\",\"metric\":\"events_in_per_second\",\"comparison\":\">\",\"threshold\":0.5,\"perNode\":true}}");
        try {
            Received firing = awaitNotification("/silenced", "firing");
            JsonNode alerts = eventually("both nodes' alerts FIRING", () -> alertsOf(rule),
                    l -> l.size() == 2 && l.get(0).get("state").asText().equals("FIRING") && l.get(1).get("state").asText().equals("FIRING"));
            for (JsonNode a : alerts) {
                boolean onB = a.get("subject").get("nodeId").asText().equals(nodeB);
                assertThat(a.get("silenced").asBoolean()).as(a.toString()).isEqualTo(onB);
            }
            assertThat(firing.json().get("data").get("alerts")).singleElement()
                    .satisfies(a -> assertThat(a.get("key").asText()).contains("node=" + nodeA));
            // the list filtered by node and by pipeline
            JsonNode onB = admin.get(env("/alerts?state=firing&nodeId=" + nodeB + "&pipelineId=" + steady)).json().get("items");
            assertThat(onB).singleElement().satisfies(a -> {
                assertThat(a.get("ruleId").asText()).isEqualTo(rule);
                assertThat(a.get("silenced").asBoolean()).isTrue();
            });
            assertThat(admin.get(env("/alerts?nodeId=" + nodeA)).json().get("items")).allSatisfy(a ->
                    assertThat(a.get("subject").get("nodeId").asText()).isEqualTo(nodeA));
            assertThat(admin.get(env("/alerts?pipelineId=" + steady)).json().get("items")).isNotEmpty().allSatisfy(a ->
                    assertThat(a.get("subject").get("pipelineId").asText()).isEqualTo(steady));
            // a few more rounds: still nothing about node B
            Instant later = Instant.now().plusSeconds(3);
            eventually("three more evaluation rounds", Instant::now, now -> now.isAfter(later));
            assertThat(receiver.notifications("/silenced")).singleElement();
            assertThat(admin.get(env("/alert-channels/" + channel + "/deliveries")).json().get("items")).hasSize(1);
        } finally {
            deleteRule(rule);
            assertThat(admin.delete(env("/silences/" + silence.json().get("id").asText())).status()).isEqualTo(204);
        }
    }

    @Test
    void withTheGuardOn_channelsToLoopbackAndTheCloudMetadataAddress_areRefusedSayingWhy() {
        allowedNetworks("null");
        try {
            Answer loopback = admin.postJson(env("/alert-channels"), "{\"name\":\"local\",\"kind\":\"webhook\",\"secrets\":{\"url\":\""
                    + receiver.url("/guarded") + "\",\"signingSecret\":\"" + WebhookReceiver.newSecret() + "\"}}");
            assertThat(loopback.status()).as(loopback.body()).isEqualTo(400);
            assertThat(loopback.body()).contains("127.0.0.1").contains("loopback");
            Answer metadata = admin.postJson(env("/alert-channels"),
                    "{\"name\":\"meta\",\"kind\":\"webhook\",\"secrets\":{\"url\":\"http://169.254.169.254/latest/meta-data\",\"signingSecret\":\""
                            + WebhookReceiver.newSecret() + "\"}}");
            assertThat(metadata.status()).as(metadata.body()).isEqualTo(400);
            assertThat(metadata.body()).contains("169.254.169.254").contains("link-local");
            JsonNode channels = admin.get(env("/alert-channels")).json().get("items");
            channels.forEach(c -> assertThat(c.get("name").asText()).isNotIn("local", "meta"));
            assertThat(receiver.all()).noneMatch(r -> r.path().equals("/guarded"));
        } finally {
            allowedNetworks("\"127.0.0.0/8\"");
        }
    }

    @Test
    void aServerRestartWhileAnAlertFires_neitherSendsItAgainNorForgetsIt() throws Exception {
        String channel = webhookChannel("restart", "/restart", WebhookReceiver.newSecret());
        String rule = createRule("{\"name\":\"flows across a restart\",\"channels\":[\"" + channel + "\"],\"condition\":{\"kind\":"
                + "\"pipeline_metric\",\"pipeline\":\"" + steady + "\",\"metric\":\"events_in_per_second\",\"comparison\":\">\",\"threshold\":0.5}}");
        try {
            awaitNotification("/restart", "firing");
            JsonNode before = alertsOf(rule).get(0);
            assertThat(before.get("state").asText()).isEqualTo("FIRING");
            // the receiver has it, but a stop before the server records the answer would send it again (at least once,
            // under the same webhook-id): this test is about an alert whose notification was delivered
            eventually("the delivery recorded as delivered", () -> admin.get(env("/alert-channels/" + channel + "/deliveries")).json().get("items"),
                    items -> items.size() == 1 && items.get(0).get("status").asText().equals("DELIVERED"));

            fleet.stopServer();
            fleet.startServerAgain(SERVER_SETTINGS);
            eventually("both agents back on the new server", () -> admin.get(env("/nodes")).json().get("nodes"), n -> n.size() == 2
                    && n.get(0).get("status").asText().equals("HEALTHY") && n.get(1).get("status").asText().equals("HEALTHY"));
            // a rule made after the restart fires: the new server evaluates, and it evaluated the old rule in the same rounds
            String sentinel = createRule("{\"name\":\"sentinel\",\"channels\":[\"" + channel + "\"],\"condition\":{\"kind\":"
                    + "\"pipeline_metric\",\"pipeline\":\"" + steady + "\",\"metric\":\"events_in_per_second\",\"comparison\":\">\",\"threshold\":0.5}}");
            try {
                eventually("the sentinel's notification", () -> receiver.notifications("/restart"),
                        l -> l.stream().anyMatch(r -> r.json().get("data").get("rule").asText().equals("sentinel")));
                Instant later = Instant.now().plusSeconds(3);
                eventually("three more evaluation rounds", Instant::now, now -> now.isAfter(later));
            } finally {
                deleteRule(sentinel);
            }
            List<String> told = new ArrayList<>();
            receiver.notifications("/restart").forEach(r -> told.add(r.json().get("data").get("rule").asText() + " " + r.event()));
            assertThat(told).containsExactly("flows across a restart firing", "sentinel firing");
            JsonNode after = admin.get(env("/alerts/" + before.get("id").asText())).json();
            assertThat(after.get("state").asText()).isEqualTo("FIRING");
            assertThat(after.get("firedAt").asText()).isEqualTo(before.get("firedAt").asText());
            assertThat(after.get("transitions")).as("no transition since it fired").singleElement()
                    .satisfies(t -> assertThat(t.get("to").asText()).isEqualTo("FIRING"));
        } finally {
            deleteRule(rule);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String env(String rest) {
        return fleet.env(rest);
    }

    private static <T> T eventually(String what, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        return fleet.eventually(what, probe, done);
    }

    private static void allowedNetworks(String json) {
        Answer answer = admin.putJson("/api/settings", "{\"values\":{\"alerts.allowedPrivateNetworks\":" + json + "}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Node A's stand-ins make this many events a second per source ({@code -1}: their default); crashy configs crash. */
    private static void eventsPerSecond(double rate) throws IOException {
        Files.writeString(control, (rate < 0 ? "" : "events_per_second=" + rate + "\n") + AgentFleetFixture.CRASHING);
    }

    /** Publishes the draft and deploys it to the nodes labelled {@code key=value}. */
    private static void deploy(String pipeline, String key, String value) {
        fleet.publishAndDeploy(pipeline, "{\"selector\":{\"" + key + "\":\"" + value + "\"}}");
    }

    private static void saveAndDeploy(String pipeline, String graph, String key, String value) {
        fleet.saveGraph(pipeline, graph);
        deploy(pipeline, key, value);
    }

    private static void awaitPipeline(String node, String pipeline, String status) throws InterruptedException {
        fleet.awaitPipeline(node, "pipeline " + pipeline + " " + status, p -> p.get("pipelineId").asText().equals(pipeline)
                && p.get("status").asText().equals(status));
    }

    private static String webhookChannel(String name, String path, String secret) {
        Answer created = admin.postJson(env("/alert-channels"), "{\"name\":\"" + name + "\",\"kind\":\"webhook\",\"secrets\":{\"url\":\""
                + receiver.url(path) + "\",\"signingSecret\":\"" + secret + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String createRule(String json) {
        Answer created = admin.postJson(env("/alert-rules"), json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void deleteRule(String rule) {
        assertThat(admin.delete(env("/alert-rules/" + rule)).status()).isEqualTo(204);
    }

    /** The rule's alerts as the alerts list shows them. */
    private static JsonNode alertsOf(String rule) {
        List<JsonNode> of = new ArrayList<>();
        admin.get(env("/alerts?limit=500")).json().get("items").forEach(a -> {
            if (a.get("ruleId").asText().equals(rule)) {
                of.add(a);
            }
        });
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(of);
    }

    /** The first notification of {@code event} ({@code firing}, {@code resolved}) that reached {@code path} answered 200. */
    private static Received awaitNotification(String path, String event) throws InterruptedException {
        return eventually("a " + event + " notification at " + path, () -> receiver.notifications(path).stream()
                .filter(r -> r.answered() == 200 && r.event().equals(event)).findFirst().orElse(null), r -> true);
    }

    private static MimeMessage mailAbout(String rule) {
        try {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getSubject().contains(rule)) {
                    return m;
                }
            }
            return null;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
