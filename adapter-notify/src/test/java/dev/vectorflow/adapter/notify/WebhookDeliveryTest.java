package dev.vectorflow.adapter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.ports.out.alert.ChannelTarget;
import dev.vectorflow.ports.out.alert.DeliveryOutcome;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:16:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

    private final GuardedNotificationSender sender = new GuardedNotificationSender(Clock.fixed(NOW, ZoneOffset.UTC));
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private ChannelTarget.Webhook webhook(Map<String, String> headers) {
        return new ChannelTarget.Webhook(receiver.url("/hooks/alerts"), SECRET, headers);
    }

    /** The Standard Webhooks signature, computed here from the spec rather than with the adapter's code. */
    private static String expectedSignature(String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenAFiringNotification_send_postsASignedJsonBodyTheReceiverCanVerify() throws Exception {
        var n = Fixtures.firing(Severity.CRITICAL, Fixtures.alert("rule-1/node-a", "node-a", "Error rate 42% on node-a"));

        DeliveryOutcome outcome = sender.send(webhook(Map.of()), n, Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).hasValue(200);
        assertThat(outcome.error()).isEmpty();
        var request = receiver.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/alerts");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("webhook-id")).isEqualTo(n.eventId());
        assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.header("webhook-signature"))
                .isEqualTo(expectedSignature(n.eventId(), request.header("webhook-timestamp"), request.body()));

        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("id").asText()).isEqualTo(n.eventId());
        assertThat(body.path("type").asText()).isEqualTo("alert.firing");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-12-06T10:15:30Z");
        JsonNode data = body.path("data");
        assertThat(data.path("event").asText()).isEqualTo("firing");
        assertThat(data.path("eventId").asText()).isEqualTo(n.eventId());
        assertThat(data.path("rule").asText()).isEqualTo("High error rate");
        assertThat(data.path("severity").asText()).isEqualTo("critical");
        assertThat(data.path("environment").asText()).isEqualTo("prod");
        assertThat(data.path("link").asText()).isEqualTo("https://vf.example.com/alerts/1");
        assertThat(data.path("test").asBoolean(true)).isFalse();
        JsonNode alert = data.path("alerts").get(0);
        assertThat(alert.path("key").asText()).isEqualTo("rule-1/node-a");
        assertThat(alert.path("message").asText()).isEqualTo("Error rate 42% on node-a");
        assertThat(alert.path("node").asText()).isEqualTo("node-a");
        assertThat(alert.path("pipeline").asText()).isEqualTo("ingest");
        assertThat(alert.path("component").asText()).isEqualTo("http_in");
        assertThat(alert.path("value").asText()).isEqualTo("0.42");
        assertThat(alert.path("threshold").asText()).isEqualTo("0.05");
        assertThat(alert.path("startedAt").asText()).isEqualTo("2026-12-06T10:10:30Z");
        assertThat(alert.path("resolvedAt").isNull()).isTrue();
    }

    @Test
    void givenAResolvedNotification_send_saysResolvedWithTheResolvedTime_andSignsThatBody() throws Exception {
        var n = Fixtures.resolved(Severity.WARNING, Fixtures.alert("k1", "node-a", "a"), Fixtures.alert("k2", "node-b", "b"));

        assertThat(sender.send(webhook(Map.of()), n, Fixtures.loopbackAllowed()).delivered()).isTrue();

        var request = receiver.only();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("alert.resolved");
        assertThat(body.path("data").path("event").asText()).isEqualTo("resolved");
        assertThat(body.path("data").path("link").isNull()).isTrue();
        assertThat(body.path("data").path("alerts")).hasSize(2);
        assertThat(body.path("data").path("alerts").get(1).path("resolvedAt").asText()).isEqualTo("2026-12-06T10:15:30Z");
        assertThat(request.header("webhook-id")).isEqualTo("evt_01JF0000000000000000000002");
        assertThat(request.header("webhook-signature"))
                .isEqualTo(expectedSignature(request.header("webhook-id"), request.header("webhook-timestamp"), request.body()));
    }

    @Test
    void givenCustomHeaders_send_passesThemOn_butNeverLetsThemReplaceTheSignatureOrConnectionHeaders() {
        var headers = Map.of("Authorization", "Bearer abc", "X-Team", "platform",
                "webhook-signature", "v1,forged", "Connection", "upgrade", "Host", "evil.example");
        var n = Fixtures.firing(Severity.INFO, Fixtures.alert("k1", "node-a", "a"));

        assertThat(sender.send(webhook(headers), n, Fixtures.loopbackAllowed()).delivered()).isTrue();

        var request = receiver.only();
        assertThat(request.header("Authorization")).isEqualTo("Bearer abc");
        assertThat(request.header("X-Team")).isEqualTo("platform");
        assertThat(request.header("webhook-signature")).startsWith("v1,").isNotEqualTo("v1,forged");
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + receiver.port());
        assertThat(request.headers().get("webhook-signature")).hasSize(1);
    }

    @Test
    void givenReservedOrMalformedHeaders_problems_namesEachOne_andSendDropsThemWithoutFailing() {
        var headers = Map.of("webhook-id", "x", "Transfer-Encoding", "chunked", "Bad Name", "x", "X-Ok", "line\nbreak",
                "X-Accent", "café", "X-Fine", "yes");

        assertThat(sender.problems(webhook(headers), Fixtures.loopbackAllowed()))
                .hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("'X-Accent'").contains("printable ASCII"))
                .anySatisfy(p -> assertThat(p).contains("'webhook-id'"))
                .anySatisfy(p -> assertThat(p).contains("'Transfer-Encoding'"))
                .anySatisfy(p -> assertThat(p).contains("'Bad Name'").contains("not an HTTP header name"))
                .anySatisfy(p -> assertThat(p).contains("'X-Ok'").contains("printable ASCII"));
        DeliveryOutcome outcome = sender.send(webhook(headers), Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")),
                Fixtures.loopbackAllowed());
        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        var request = receiver.only();
        assertThat(request.header("X-Fine")).isEqualTo("yes");
        assertThat(request.header("X-Accent")).isNull();
        assertThat(request.header("webhook-id")).isEqualTo("evt_01JF0000000000000000000001");
    }

    @Test
    void givenASecretWithoutThePrefixOrTooShort_problemsSaysSo_andSendRefusesWithoutPosting() {
        var noPrefix = new ChannelTarget.Webhook(receiver.url("/h"), Base64.getEncoder().encodeToString(KEY), Map.of());
        var tooShort = new ChannelTarget.Webhook(receiver.url("/h"), "whsec_" + Base64.getEncoder().encodeToString(new byte[4]), Map.of());

        assertThat(sender.problems(noPrefix, Fixtures.loopbackAllowed())).singleElement().asString().contains("whsec_");
        assertThat(sender.problems(tooShort, Fixtures.loopbackAllowed())).singleElement().asString().contains("16 to 64 bytes");
        DeliveryOutcome outcome = sender.send(noPrefix, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed());
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void givenAnEventIdThatCannotBeAHeader_send_refusesWithoutPostingOrThrowing() {
        var good = Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m"));
        var n = new dev.vectorflow.ports.out.alert.Notification("évènement 1", good.event(), good.ruleName(), good.severity(),
                good.environmentName(), good.alerts(), good.at(), good.link(), false);

        DeliveryOutcome outcome = sender.send(webhook(Map.of()), n, Fixtures.loopbackAllowed());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).get().asString().contains("webhook-id");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void newSecret_isWhsecAndThirtyTwoRandomBytes_thatSignAValidDelivery() {
        String first = StandardWebhookSignature.newSecret(new SecureRandom());
        String second = StandardWebhookSignature.newSecret(new SecureRandom());
        String seeded = StandardWebhookSignature.newSecret(new Random(7));

        assertThat(first).startsWith("whsec_").isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first.substring(6))).hasSize(32);
        assertThat(seeded).isEqualTo(StandardWebhookSignature.newSecret(new Random(7)));
        assertThat(StandardWebhookSignature.problem(first)).isEmpty();
        var target = new ChannelTarget.Webhook(receiver.url("/h"), first, Map.of());
        assertThat(sender.send(target, Fixtures.firing(Severity.INFO, Fixtures.alert("k", "n", "m")), Fixtures.loopbackAllowed()).delivered())
                .isTrue();
    }
}
