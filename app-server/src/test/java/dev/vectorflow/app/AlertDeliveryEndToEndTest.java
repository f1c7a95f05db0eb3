package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vectorflow.app.ApiClient.Answer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** How many more requests of a rule's notification the receiver answers with a 500. */
    private static final AtomicInteger failuresLeft = new AtomicInteger();

    private record Received(Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst()).findFirst()
                    .orElse("");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean test = body.contains("\"test\":true");
            int status = !test && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        server = TestServer.startDelivering(dataDir);
        api = server.root();
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.stop(0);
    }

    private static void allowLoopback(boolean allowed) {
        Answer answer = api.putJson("/api/settings", "{\"values\":{\"alerts.allowedPrivateNetworks\":" + (allowed ? "\"127.0.0.0/8\"" : "null")
                + "}}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** Recomputes the Standard Webhooks signature of a received request with the channel's secret. */
    private static String signature(String secret, Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] signed = mac.doFinal((request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body())
                .getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(signed);
    }

    @Test
    void anExpiringCertificate_reachesTheWebhookSigned_afterThreeFailedAttemptsOnTheFourth_andTheGuardFollowsTheSetting() throws Exception {
        String environment = server.createEnvironment(api, server.createTeam("team-" + UUID.randomUUID()), "env-" + UUID.randomUUID());
        String path = "/api/environments/" + environment;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String channelBody = "{\"name\":\"hook\",\"kind\":\"webhook\",\"secrets\":{\"url\":\"" + hook() + "\",\"signingSecret\":\"" + secret + "\"}}";

        // the guard: loopback is refused by default, and so is the cloud metadata address
        Answer refused = api.postJson(path + "/alert-channels", channelBody);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("127.0.0.1");
        Answer metadata = api.postJson(path + "/alert-channels",
                "{\"name\":\"meta\",\"kind\":\"slack\",\"secrets\":{\"url\":\"http://169.254.169.254/latest/meta-data\"}}");
        assertThat(metadata.status()).as(metadata.body()).isEqualTo(400);
        assertThat(metadata.body()).contains("169.254.169.254");
        assertThat(received).isEmpty();

        allowLoopback(true);
        Answer created = api.postJson(path + "/alert-channels", channelBody);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(secret).doesNotContain(hook());
        String channel = created.json().get("id").asText();

        Answer test = api.postJson(path + "/alert-channels/" + channel + "/test", "{}");
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().get("delivered").asBoolean()).as(test.body()).isTrue();
        assertThat(received).singleElement().satisfies(r -> assertThat(r.header("webhook-signature")).isEqualTo(signature(secret, r)));

        failuresLeft.set(3);
        TestCertificates.Pem pem = TestCertificates.selfSigned("soon.example.com", Duration.ofDays(3));
        assertThat(api.postJson(path + "/certificates", ApiClient.json("name", "edge", "certificate", pem.certificate(), "privateKey",
                pem.privateKey())).status()).isEqualTo(201);
        Answer rule = api.postJson(path + "/alert-rules", "{\"name\":\"certs\",\"severity\":\"critical\",\"channels\":[\"" + channel
                + "\"],\"condition\":{\"kind\":\"certificate_expiring\",\"days\":14}}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        // retried after 10 s, 20 s and 40 s: the fourth attempt is answered 200
        List<Received> firing = Polling.until("the FIRING notification is delivered on the fourth attempt", Duration.ofSeconds(150),
                () -> received.stream().filter(r -> !r.body().contains("\"test\":true")).toList(),
                l -> l.stream().anyMatch(r -> r.answered() == 200), () -> received.toString());
        assertThat(firing).extracting(Received::answered).containsExactly(500, 500, 500, 200);
        assertThat(firing).extracting(r -> r.header("webhook-id")).as("one event, retried under its id").containsOnly(
                firing.getFirst().header("webhook-id"));
        for (Received attempt : firing) {
            assertThat(attempt.header("webhook-signature")).isEqualTo(signature(secret, attempt));
        }
        JsonNode event = new ObjectMapper().readTree(firing.getLast().body());
        assertThat(event.toString()).contains("certs").containsIgnoringCase("firing").contains("edge");
        JsonNode deliveries = api.get(path + "/alert-channels/" + channel + "/deliveries").json().get("items");
        List<String> statuses = new ArrayList<>();
        deliveries.forEach(d -> statuses.add(d.get("status").asText()));
        assertThat(statuses).containsOnly("DELIVERED");
        assertThat(deliveries).anySatisfy(d -> assertThat(d.get("attempts")).hasSize(4));

        // the allowance taken back: the same channel can no longer be saved, nor does a test reach the receiver
        allowLoopback(false);
        int before = received.size();
        Answer again = api.postJson(path + "/alert-channels/" + channel + "/test", "{}");
        assertThat(again.json().get("delivered").asBoolean()).as(again.body()).isFalse();
        assertThat(again.body()).contains("127.0.0.1");
        assertThat(received).hasSize(before);
    }
}
