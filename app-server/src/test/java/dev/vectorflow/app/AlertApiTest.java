package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.app.ApiClient.Answer;
import dev.vectorflow.ports.fake.RecordingNotificationSender;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.Notification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts through the real API and server on PostgreSQL: bad input, sealed channel secrets, the evaluation job and the delivery. */
class AlertApiTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static ApiClient api;
    private String environment;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        api = server.root();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshEnvironment() {
        environment = server.createEnvironment(api, server.createTeam("team-" + UUID.randomUUID()), "env-" + UUID.randomUUID());
    }

    private String path(String rest) {
        return "/api/environments/" + environment + rest;
    }

    private static JsonNode tree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().get("problems").forEach(p -> fields.add(p.get("field").asText()));
        return fields;
    }

    @Test
    void aRuleWithAnUnknownMetric_aNegativeDuration_aThresholdThatIsNoNumber_andASelectorThatDoesNotParse_gets400WithEveryProblem() {
        Answer answer = api.postJson(path("/alert-rules"), """
                {"name": "cpu", "forSeconds": -5, "severity": "loud",
                 "condition": {"kind": "node_metric", "metric": "cpu", "comparison": ">", "threshold": "ninety", "selector": "role"}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactlyInAnyOrder("severity", "condition.metric", "condition.threshold", "condition.selector",
                "forSeconds");
        assertThat(answer.body()).contains("must not be negative but was -5 s");
        assertThat(api.get(path("/alert-rules")).json().get("items")).isEmpty();
    }

    @Test
    void aRuleOfAnUnknownKind_orWithFieldsOfAnotherKind_isRefused() {
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"disk_full\"}}")))
                .containsExactly("condition.kind");
        assertThat(fields(api.postJson(path("/alert-rules"),
                "{\"name\":\"x\",\"condition\":{\"kind\":\"certificate_expiring\",\"days\":0,\"metric\":\"cpu_percent\"}}")))
                .containsExactlyInAnyOrder("condition.metric", "condition.days");
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"pipeline_metric\","
                + "\"pipeline\":\"" + UUID.randomUUID() + "\",\"metric\":\"events_out_per_second\",\"comparison\":\"<\",\"threshold\":1}}")))
                .containsExactly("condition.pipeline");
    }

    @Test
    void theRuleKindsOnDeployments_updates_secrets_backups_throughputAndLogs_areCreatedAndAnsweredWithTheirFields() {
        String pipeline = api.postJson(path("/pipelines"), "{\"name\":\"p-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"graph\":"
                + PipelineFixtures.SIMPLE_GRAPH + "}").json().get("id").asText();
        for (String condition : List.of(
                "{\"kind\":\"deployment_not_converged\",\"minutes\":15,\"pipeline\":\"" + pipeline + "\"}",
                "{\"kind\":\"agent_update_failed\",\"selector\":\"role=web\"}",
                "{\"kind\":\"secret_missing\"}",
                "{\"kind\":\"backup_failed\"}",
                "{\"kind\":\"throughput_drop\",\"pipeline\":\"" + pipeline + "\",\"metric\":\"events_in_per_second\",\"percent\":50,"
                        + "\"windowMinutes\":60}",
                "{\"kind\":\"log_match\",\"pattern\":\"timeout after \\\\d+ms\",\"regex\":true,\"minCount\":3}")) {
            Answer created = api.postJson(path("/alert-rules"), "{\"name\":\"r\",\"condition\":" + condition + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode stored = api.get(path("/alert-rules/" + created.json().get("id").asText())).json().get("condition");
            tree(condition).fields().forEachRemaining(e -> assertThat(stored.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue()));
            if (condition.contains("log_match")) {
                assertThat(created.json().get("message").asText()).contains("{{detail}}");
            }
        }
        assertThat(api.get(path("/alert-rules")).json().get("items")).hasSize(6);
    }

    @Test
    void theNewRuleKinds_refuseOutOfRangeNumbers_aWrongMetric_aCatastrophicOrBrokenPattern_andFieldsOfOtherKinds_allInOneAnswer() {
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"deployment_not_converged\",\"minutes\":0,"
                + "\"days\":3}}"))).containsExactlyInAnyOrder("condition.minutes", "condition.days");
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"throughput_drop\",\"pipeline\":\"nope\","
                + "\"metric\":\"errors_per_second\",\"percent\":101,\"windowMinutes\":2}}")))
                .containsExactlyInAnyOrder("condition.pipeline", "condition.metric", "condition.percent", "condition.windowMinutes");
        Answer catastrophic = api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"log_match\",\"pattern\":\"(a+)+$\","
                + "\"regex\":true,\"minCount\":0,\"selector\":\"role\"}}");
        assertThat(fields(catastrophic)).containsExactlyInAnyOrder("condition.pattern", "condition.minCount", "condition.selector");
        assertThat(catastrophic.body()).contains("exponential");
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"log_match\",\"pattern\":\"a(b\","
                + "\"regex\":true}}"))).containsExactly("condition.pattern");
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"log_match\",\"pattern\":\""
                + "x".repeat(201) + "\"}}"))).containsExactly("condition.pattern");
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"secret_missing\",\"selector\":\"a=b\"}}")))
                .containsExactly("condition.selector");
        assertThat(fields(api.postJson(path("/alert-rules"), "{\"name\":\"x\",\"condition\":{\"kind\":\"node_unreachable\",\"minutes\":5}}")))
                .containsExactly("condition.minutes");
        assertThat(api.get(path("/alert-rules")).json().get("items")).isEmpty();
    }

    @Test
    void aRule_isCreatedReadReplacedAndDeleted() {
        Answer created = api.postJson(path("/alert-rules"), """
                {"name": "disk", "severity": "critical", "forSeconds": 300, "cooldownSeconds": 60, "message": "{{node}} disk {{value}} %",
                 "condition": {"kind": "node_metric", "metric": "disk_percent", "comparison": ">", "threshold": 90, "hysteresis": 5,
                               "selector": "role=web"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode rule = created.json();
        assertThat(rule.get("severity").asText()).isEqualTo("critical");
        assertThat(rule.get("condition").get("selector").asText()).isEqualTo("role=web");
        assertThat(rule.get("condition").get("comparison").asText()).isEqualTo(">");
        String id = rule.get("id").asText();

        Answer replaced = api.putJson(path("/alert-rules/" + id), "{\"name\":\"disk 2\",\"condition\":{\"kind\":\"node_unreachable\"}}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(api.get(path("/alert-rules/" + id)).json().get("condition").get("kind").asText()).isEqualTo("node_unreachable");
        assertThat(api.delete(path("/alert-rules/" + id)).status()).isEqualTo(204);
        assertThat(api.get(path("/alert-rules/" + id)).status()).isEqualTo(404);
        assertThat(api.get(path("/alert-rules/not-an-id")).status()).isEqualTo(404);
    }

    @Test
    void aChannelsSecrets_goInAndNeverComeOut_andATestSendIsAnsweredAndListed() {
        String token = "T0/B0/" + UUID.randomUUID();
        Answer created = api.postJson(path("/alert-channels"), "{\"name\":\"ops\",\"kind\":\"slack\",\"secrets\":{\"url\":"
                + "\"https://hooks.slack.example.com/services/" + token + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(token).contains("\"secretsSet\":[\"url\"]");
        String id = created.json().get("id").asText();
        assertThat(api.get(path("/alert-channels")).body()).doesNotContain(token);
        assertThat(server.tablesContaining(token)).isEmpty();

        Answer test = api.postJson(path("/alert-channels/" + id + "/test"), "{}");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("delivered").asBoolean()).isTrue();
        assertThat(TestServer.NOTIFICATIONS.sent()).anySatisfy(s -> assertThat(s.target()).isEqualTo(
                new ChannelTarget.Slack(java.net.URI.create("https://hooks.slack.example.com/services/" + token))));
        JsonNode deliveries = api.get(path("/alert-channels/" + id + "/deliveries")).json().get("items");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).get("test").asBoolean()).isTrue();
        assertThat(deliveries.get(0).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(deliveries.get(0).get("attempts").get(0).get("statusCode").asInt()).isEqualTo(200);
        assertThat(api.get("/api/audit?entityType=alert-channel&limit=10").body()).doesNotContain(token).contains("alert-channel.tested");
    }

    @Test
    void anUnsavedRule_isPreviewed_withWhatItWouldRaiseNow_storingNothing_andABadOneGets400() {
        TestCertificates.Pem pem = TestCertificates.selfSigned("soon.example.com", Duration.ofDays(3));
        assertThat(api.postJson(path("/certificates"), ApiClient.json("name", "edge", "certificate", pem.certificate(), "privateKey",
                pem.privateKey())).status()).isEqualTo(201);

        Answer firing = api.postJson(path("/alert-rules/preview"), "{\"name\":\"certs\",\"message\":\"{{component}} in {{value}} days\","
                + "\"condition\":{\"kind\":\"certificate_expiring\",\"days\":14}}");
        Answer pending = api.postJson(path("/alert-rules/preview"), "{\"name\":\"certs\",\"forSeconds\":600,"
                + "\"condition\":{\"kind\":\"certificate_expiring\",\"days\":14}}");
        Answer none = api.postJson(path("/alert-rules/preview"), "{\"name\":\"certs\",\"condition\":{\"kind\":\"certificate_expiring\",\"days\":1}}");

        assertThat(firing.status()).as(firing.body()).isEqualTo(200);
        assertThat(firing.json().get("total").asInt()).isEqualTo(1);
        JsonNode item = firing.json().get("items").get(0);
        assertThat(item.get("state").asText()).isEqualTo("FIRING");
        assertThat(item.get("subject").get("item").asText()).isEqualTo("edge");
        assertThat(item.get("message").asText()).matches("edge in [23] days");
        assertThat(pending.json().get("items").get(0).get("state").asText()).isEqualTo("PENDING");
        assertThat(none.json().get("items")).isEmpty();
        assertThat(fields(api.postJson(path("/alert-rules/preview"), "{\"name\":\"x\",\"condition\":{\"kind\":\"log_match\","
                + "\"pattern\":\"(a*)*\",\"regex\":true}}"))).containsExactly("condition.pattern");
        assertThat(api.get(path("/alert-rules")).json().get("items")).isEmpty();
        assertThat(api.get(path("/alerts")).json().get("items")).isEmpty();
    }

    @Test
    void anExpiringCertificate_firesItsRuleWithinARound_andTheChannelGetsOneNotification() throws Exception {
        String channel = api.postJson(path("/alert-channels"), "{\"name\":\"pager\",\"kind\":\"pagerduty\",\"secrets\":{\"routingKey\":\"R"
                + UUID.randomUUID().toString().replace("-", "") + "\"}}").json().get("id").asText();
        TestCertificates.Pem pem = TestCertificates.selfSigned("soon.example.com", Duration.ofDays(3));
        assertThat(api.postJson(path("/certificates"), ApiClient.json("name", "edge-" + environment.substring(0, 8), "certificate",
                pem.certificate(), "privateKey", pem.privateKey())).status()).isEqualTo(201);
        String rule = api.postJson(path("/alert-rules"), "{\"name\":\"certs\",\"severity\":\"critical\",\"message\":\"{{component}}"
                + " expires in {{value}} days\",\"channels\":[\"" + channel + "\"],\"condition\":{\"kind\":\"certificate_expiring\",\"days\":14}}")
                .json().get("id").asText();

        JsonNode firing = Polling.until("the rule fires", Duration.ofSeconds(60), () -> api.get(path("/alerts?state=firing")).json().get("items"),
                items -> items.size() == 1, () -> "");
        assertThat(firing.get(0).get("ruleId").asText()).isEqualTo(rule);
        assertThat(firing.get(0).get("message").asText()).matches("edge-.* expires in [23] days");
        assertThat(firing.get(0).get("subject").get("item").asText()).startsWith("edge-");

        List<RecordingNotificationSender.Sent> sent = Polling.until("the channel is told", Duration.ofSeconds(60),
                () -> TestServer.NOTIFICATIONS.sent().stream().filter(s -> s.notification().ruleName().equals("certs")
                        && s.notification().environmentName().startsWith("env-" ) && s.target() instanceof ChannelTarget.PagerDuty).toList(),
                l -> !l.isEmpty(), () -> "");
        assertThat(sent.getFirst().notification().event()).isEqualTo(Notification.Event.FIRING);
        assertThat(sent.getFirst().notification().alerts()).singleElement().satisfies(a -> assertThat(a.message()).startsWith("edge-"));

        String alert = firing.get(0).get("id").asText();
        Answer acknowledged = api.postJson(path("/alerts/" + alert + "/acknowledge"), "{}");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.json().get("acknowledgedBy").asText()).contains(TestServer.ROOT_EMAIL);
        JsonNode detail = api.get(path("/alerts/" + alert)).json();
        assertThat(detail.get("transitions").get(0).get("by").asText()).contains(TestServer.ROOT_EMAIL);
        assertThat(api.get(path("/alerts?state=acknowledged")).json().get("items")).hasSize(1);
        assertThat(api.get(path("/alerts?state=sideways")).status()).isEqualTo(400);
        assertThat(api.get(path("/alerts?limit=501")).status()).isEqualTo(400);
        Answer badNode = api.get(path("/alerts?nodeId=web-1"));
        assertThat(badNode.status()).isEqualTo(400);
        assertThat(fields(badNode)).containsExactly("nodeId");
        assertThat(fields(api.get(path("/alerts?pipelineId=logs")))).containsExactly("pipelineId");
        assertThat(api.get(path("/alerts?nodeId=" + UUID.randomUUID())).json().get("items")).as("a certificate's alert is about no node").isEmpty();
    }

    @Test
    void aSilence_isCreatedListedAndEnded_andOneInThePastIsRefused() {
        Answer past = api.postJson(path("/silences"), ApiClient.json("until", "2020-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(fields(past)).containsExactly("until");
        Answer created = api.postJson(path("/silences"), ApiClient.json("selector", "role=web", "until",
                java.time.Instant.now().plus(Duration.ofHours(2)).toString(), "reason", "patching"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get(path("/silences")).json().get("items")).hasSize(1);
        assertThat(api.delete(path("/silences/" + created.json().get("id").asText())).status()).isEqualTo(204);
        assertThat(api.get(path("/silences")).json().get("items")).isEmpty();
    }

    @Test
    void aSilenceByPipeline_namesAPipelineOfTheEnvironment_andIsAnsweredWithIt() {
        String until = java.time.Instant.now().plus(Duration.ofHours(2)).toString();
        assertThat(fields(api.postJson(path("/silences"), ApiClient.json("pipelineId", "nope", "until", until)))).containsExactly("pipelineId");
        assertThat(fields(api.postJson(path("/silences"), ApiClient.json("pipelineId", UUID.randomUUID().toString(), "until", until))))
                .containsExactly("pipelineId");
        String pipeline = api.postJson(path("/pipelines"), "{\"name\":\"p-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"graph\":"
                + PipelineFixtures.SIMPLE_GRAPH + "}").json().get("id").asText();

        Answer created = api.postJson(path("/silences"), ApiClient.json("pipelineId", pipeline, "until", until));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("pipelineId").asText()).isEqualTo(pipeline);
        assertThat(api.get(path("/silences")).json().get("items").get(0).get("pipelineId").asText()).isEqualTo(pipeline);
    }

    @Test
    void aWebhooksCustomHeaders_areSavedShownAndSent_andReservedMalformedOrTooManyHeadersAreRefusedEachNamed() {
        String secrets = "\"secrets\":{\"url\":\"https://hooks.example.com/in\",\"signingSecret\":\"" + WebhookReceiver.newSecret() + "\"}";
        Answer bad = api.postJson(path("/alert-channels"), "{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"headers\":{"
                + "\"webhook-id\":\"x\",\"Content-Type\":\"text/plain\",\"Connection\":\"close\",\"Bad Name\":\"x\",\"X-Line\":\"a\\nb\"}},"
                + secrets + "}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(fields(bad)).containsOnly("settings.headers").hasSize(5);
        assertThat(bad.body()).contains("may not set 'webhook-id'").contains("may not set 'Content-Type'").contains("may not set 'Connection'")
                .contains("'Bad Name', which is not an HTTP header name").contains("value for 'X-Line' that HTTP cannot carry");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"X-H").append(i).append("\":\"v\"");
        }
        Answer tooMany = api.postJson(path("/alert-channels"), "{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"headers\":{" + many
                + "}}," + secrets + "}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("may hold at most 20 headers but has 21");
        Answer twice = api.postJson(path("/alert-channels"), "{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"headers\":{"
                + "\"X-Team\":\"a\",\"x-team\":\"b\"}}," + secrets + "}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("names 'x-team' twice");
        Answer notText = api.postJson(path("/alert-channels"), "{\"name\":\"hook\",\"kind\":\"slack\",\"settings\":{\"headers\":{"
                + "\"X-Team\":\"a\"}},\"secrets\":{\"url\":\"https://hooks.example.com/in\"}}");
        assertThat(notText.status()).as("only webhooks take headers").isEqualTo(400);
        assertThat(api.get(path("/alert-channels")).json().get("items")).isEmpty();

        Answer created = api.postJson(path("/alert-channels"), "{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"headers\":{"
                + "\"X-Team\":\"  platform  \",\"Authorization\":\"Bearer abc\"}}," + secrets + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode headers = created.json().get("settings").get("headers");
        assertThat(headers.get("X-Team").asText()).as("cleaned").isEqualTo("platform");
        String id = created.json().get("id").asText();
        assertThat(api.get(path("/alert-channels/" + id)).json().get("settings").get("headers").get("Authorization").asText()).isEqualTo("Bearer abc");

        assertThat(api.postJson(path("/alert-channels/" + id + "/test"), "{}").status()).isEqualTo(200);
        assertThat(TestServer.NOTIFICATIONS.sent()).anySatisfy(s -> assertThat(s.target()).isInstanceOfSatisfying(ChannelTarget.Webhook.class,
                w -> assertThat(w.headers()).containsEntry("X-Team", "platform").containsEntry("Authorization", "Bearer abc")));
    }
}
