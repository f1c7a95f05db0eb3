package dev.vectorflow.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import dev.vectorflow.ports.out.alert.Notification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack, Teams and PagerDuty payloads as a real receiver on loopback got them. */
class ChannelPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GuardedNotificationSender sender = new GuardedNotificationSender(Clock.systemUTC());
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private JsonNode body(int index) throws Exception {
        return JSON.readTree(receiver.received().get(index).body());
    }

    @Test
    void givenASlackChannel_send_postsBlockKitWithHeaderSeverityOneSectionPerAlert_andAFallbackText() throws Exception {
        var n = Fixtures.firing(Severity.CRITICAL, Fixtures.alert("k1", "node-a", "Error rate <42%> & rising"),
                Fixtures.alert("k2", "node-b", "Error rate 12%"));

        DeliveryOutcome outcome = sender.send(new ChannelTarget.Slack(receiver.url("/services/T0/B0/secret")), n, Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        JsonNode body = body(0);
        assertThat(body.path("text").asText()).contains("[FIRING] High error rate (prod)").contains("CRITICAL")
                .contains("Error rate <42%> & rising");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("[FIRING] High error rate (prod)");
        assertThat(blocks.get(1).path("fields").toString()).contains("*Severity*\\nCRITICAL").contains("*Environment*\\nprod")
                .contains("*Alerts*\\n2");
        List<String> sections = new ArrayList<>();
        blocks.forEach(b -> {
            if (b.path("type").asText().equals("section") && b.has("text")) {
                sections.add(b.path("text").path("text").asText());
            }
        });
        assertThat(sections).hasSize(2);
        assertThat(sections.get(0)).startsWith("*Error rate &lt;42%&gt; &amp; rising*").contains("Node: node-a").contains("Pipeline: ingest");
        assertThat(blocks.get(blocks.size() - 1).toString()).contains("<https://vf.example.com/alerts/1|Open in VectorFlow>");
    }

    @Test
    void givenMoreAlertsThanSlackShows_send_capsTheSections_andCountsTheRest() throws Exception {
        var alerts = IntStream.range(0, 30).mapToObj(i -> Fixtures.alert("k" + i, "node-" + i, "alert " + i)).toArray(Notification.Alert[]::new);

        assertThat(sender.send(new ChannelTarget.Slack(receiver.url("/s")), Fixtures.firing(Severity.WARNING, alerts), Fixtures.loopbackAllowed())
                .delivered()).isTrue();

        JsonNode blocks = body(0).path("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.toString()).contains("alert 19").doesNotContain("alert 20*").contains("…and 10 more alerts");
    }

    @Test
    void givenATeamsChannel_send_postsAnAdaptiveCardMessage() throws Exception {
        var n = Fixtures.resolved(Severity.WARNING, Fixtures.alert("k1", "node-a", "Disk almost full"));

        assertThat(sender.send(new ChannelTarget.Teams(receiver.url("/workflows/abc")), n, Fixtures.loopbackAllowed()).delivered()).isTrue();

        JsonNode body = body(0);
        assertThat(body.path("type").asText()).isEqualTo("message");
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("[RESOLVED] High error rate (prod)");
        assertThat(card.path("body").get(0).path("color").asText()).isEqualTo("Good");
        assertThat(card.path("body").get(1).path("facts").toString()).contains("\"title\":\"Severity\",\"value\":\"WARNING\"");
        assertThat(card.path("body").get(2).toString()).contains("Disk almost full").contains("Resolved: 2026-12-06T10:15:30Z");
        assertThat(card.has("actions")).as("a resolved notification here has no link").isFalse();
    }

    @Test
    void givenAPagerDutyChannel_andTwoFiringAlerts_send_triggersOneEventPerAlert_keyedByTheAlertKey() throws Exception {
        receiver.answering(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}");
        var n = Fixtures.firing(Severity.CRITICAL, Fixtures.alert("rule-1/node-a", "node-a", "Error rate 42%"),
                Fixtures.alert("rule-1/node-b", "node-b", "Error rate 17%"));
        var target = new ChannelTarget.PagerDuty(receiver.url("/v2/enqueue"), "R0UT1NGKEY");

        DeliveryOutcome outcome = sender.send(target, n, Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).hasValue(202);
        assertThat(receiver.received()).hasSize(2).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v2/enqueue"));
        JsonNode first = body(0);
        assertThat(first.path("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        assertThat(first.path("event_action").asText()).isEqualTo("trigger");
        assertThat(first.path("dedup_key").asText()).isEqualTo("rule-1/node-a");
        JsonNode payload = first.path("payload");
        assertThat(payload.path("summary").asText()).isEqualTo("High error rate: Error rate 42%");
        assertThat(payload.path("source").asText()).isEqualTo("node-a");
        assertThat(payload.path("severity").asText()).isEqualTo("critical");
        assertThat(payload.path("timestamp").asText()).isEqualTo("2026-12-06T10:10:30Z");
        assertThat(payload.path("component").asText()).isEqualTo("http_in");
        assertThat(payload.path("group").asText()).isEqualTo("ingest");
        assertThat(payload.path("custom_details").path("environment").asText()).isEqualTo("prod");
        assertThat(first.path("links").get(0).path("href").asText()).isEqualTo("https://vf.example.com/alerts/1");
        assertThat(body(1).path("dedup_key").asText()).isEqualTo("rule-1/node-b");
    }

    @Test
    void givenEachSeverity_pagerDutyGetsInfoWarningOrCritical() throws Exception {
        var target = new ChannelTarget.PagerDuty(receiver.url("/v2/enqueue"), "key");
        for (Severity severity : Severity.values()) {
            sender.send(target, Fixtures.firing(severity, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());
        }

        assertThat(List.of(body(0), body(1), body(2))).extracting(b -> b.path("payload").path("severity").asText())
                .containsExactly("info", "warning", "critical");
    }

    @Test
    void givenAResolvedNotification_pagerDutyGetsResolveEventsWithTheSameDedupKeys_andNoPayload() throws Exception {
        var n = Fixtures.resolved(Severity.CRITICAL, Fixtures.alert("rule-1/node-a", "node-a", "m"));

        assertThat(sender.send(new ChannelTarget.PagerDuty(receiver.url("/v2/enqueue"), "key"), n, Fixtures.loopbackAllowed()).delivered())
                .isTrue();

        JsonNode event = body(0);
        assertThat(event.path("event_action").asText()).isEqualTo("resolve");
        assertThat(event.path("dedup_key").asText()).isEqualTo("rule-1/node-a");
        assertThat(event.has("payload")).isFalse();
    }

    @Test
    void givenPagerDutyRefusingTheFirstEvent_send_stopsThere_andSaysHowFarItGot() {
        receiver.answering(400, "{\"status\":\"invalid event\",\"errors\":[\"'routing_key' invalid\"]}");
        var n = Fixtures.firing(Severity.CRITICAL, Fixtures.alert("a", "n", "m"), Fixtures.alert("b", "n", "m"));

        DeliveryOutcome outcome = sender.send(new ChannelTarget.PagerDuty(receiver.url("/v2/enqueue"), "wrong"), n, Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.statusCode()).hasValue(400);
        assertThat(outcome.error()).get().asString().startsWith("after 0 of 2 requests: the receiver answered 400").contains("routing_key");
        assertThat(receiver.received()).hasSize(1);
    }
}
