package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.app.WebhookReceiver.Received;
import dev.vectorflow.app.ApiClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts leave the production server for real (the sender it is started with, adapter-notify's), reach a webhook
 * receiver on loopback signed per Standard Webhooks, are retried after failures, and the address guard follows the
 * setting that allows private networks.
 */
class AlertDeliveryEndToEndTest {

    @TempDir
    static Path dataDir;
    private static TestServer server;
    private static ApiClient api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = WebhookReceiver.start();
        // production logic, shorter retries: after 1 s, 2 s, 4 s
        server = TestServer.startDelivering(dataDir, java.util.Map.of(), new AlertComposition.Timings(AlertComposition.EVALUATE_EVERY,
                AlertComposition.DISPATCH_EVERY, new dev.vectorflow.core.alert.RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(4), 8)));
        api = server.root();
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
    }

    private static void allowLoopback(boolean allowed) {
        Answer answer = api.putJson("/api/settings", "{\"values\":{\"alerts.allowedPrivateNetworks\":" + (allowed ? "\"127.0.0.0/8\"" : "null")
                + "}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static String hook() {
        return receiver.url("/hook");
    }

    private static String signature(String secret, Received request) {
        return WebhookReceiver.signature(secret, request);
    }

    @Test
    void anExpiringCertificate_reachesTheWebhookSigned_afterThreeFailedAttemptsOnTheFourth_andTheGuardFollowsTheSetting() throws Exception {
        String environment = server.createEnvironment(api, server.createTeam("team-" + UUID.randomUUID()), "env-" + UUID.randomUUID());
        String path = "/api/environments/" + environment;
        String secret = WebhookReceiver.newSecret();
        String channelBody = "{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"headers\":{\"X-Team\":\"platform\"}},"
                + "\"secrets\":{\"url\":\"" + hook() + "\",\"signingSecret\":\"" + secret + "\"}}";

        // the guard: loopback is refused by default, and so is the cloud metadata address
        Answer refused = api.postJson(path + "/alert-channels", channelBody);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("127.0.0.1");
        Answer metadata = api.postJson(path + "/alert-channels",
                "{\"name\":\"meta\",\"kind\":\"slack\",\"secrets\":{\"url\":\"http://169.254.169.254/latest/meta-data\"}}");
        assertThat(metadata.status()).as(metadata.body()).isEqualTo(400);
        assertThat(metadata.body()).contains("169.254.169.254");
        assertThat(receiver.all()).isEmpty();

        allowLoopback(true);
        Answer created = api.postJson(path + "/alert-channels", channelBody);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(secret).doesNotContain(hook());
        String channel = created.json().get("id").asText();

        Answer test = api.postJson(path + "/alert-channels/" + channel + "/test", "{}");
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().get("delivered").asBoolean()).as(test.body()).isTrue();
        assertThat(receiver.all()).singleElement().satisfies(r -> {
            assertThat(r.header("webhook-signature")).isEqualTo(signature(secret, r));
            assertThat(r.header("X-Team")).as("the channel's own header").isEqualTo("platform");
        });

        receiver.failNext("/hook", 3);
        TestCertificates.Pem pem = TestCertificates.selfSigned("soon.example.com", Duration.ofDays(3));
        assertThat(api.postJson(path + "/certificates", ApiClient.json("name", "edge", "certificate", pem.certificate(), "privateKey",
                pem.privateKey())).status()).isEqualTo(201);
        Answer rule = api.postJson(path + "/alert-rules", "{\"name\":\"certs\",\"severity\":\"critical\",\"channels\":[\"" + channel
                + "\"],\"condition\":{\"kind\":\"certificate_expiring\",\"days\":14}}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        // retried after 1 s, 2 s and 4 s: the fourth attempt is answered 200
        List<Received> firing = Polling.until("the FIRING notification is delivered on the fourth attempt", Duration.ofSeconds(90),
                () -> receiver.notifications("/hook"), l -> l.stream().anyMatch(r -> r.answered() == 200), () -> receiver.all().toString());
        assertThat(firing).extracting(Received::answered).containsExactly(500, 500, 500, 200);
        assertThat(firing).extracting(r -> r.header("webhook-id")).as("one event, retried under its id").containsOnly(
                firing.getFirst().header("webhook-id"));
        for (Received attempt : firing) {
            assertThat(attempt.header("webhook-signature")).isEqualTo(signature(secret, attempt));
        }
        JsonNode event = new ObjectMapper().readTree(firing.getLast().body());
        assertThat(event.toString()).contains("certs").containsIgnoringCase("firing").contains("edge");
        assertThat(event.get("data").get("link").isNull()).as("no public URL set: no link").isTrue();
        JsonNode deliveries = api.get(path + "/alert-channels/" + channel + "/deliveries").json().get("items");
        List<String> statuses = new ArrayList<>();
        deliveries.forEach(d -> statuses.add(d.get("status").asText()));
        assertThat(statuses).containsOnly("DELIVERED");
        assertThat(deliveries).anySatisfy(d -> assertThat(d.get("attempts")).hasSize(4));

        // the allowance taken back: the same channel can no longer be saved, nor does a test reach the receiver
        allowLoopback(false);
        int before = receiver.all().size();
        Answer again = api.postJson(path + "/alert-channels/" + channel + "/test", "{}");
        assertThat(again.json().get("delivered").asBoolean()).as(again.body()).isFalse();
        assertThat(again.body()).contains("127.0.0.1");
        assertThat(receiver.all()).hasSize(before);
    }
}
