package dev.vectorflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 (a JDK HTTP server on a free port) for alert tests: records every request with the
 * path it came to, and answers 500 to as many notifications of a path as a test asks for (tests are always answered 200).
 * Checks Standard Webhooks signatures on its own, without the production code.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived, and the status it was answered with. */
    record Received(String path, Map<String, List<String>> headers, String body, int answered) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst()).findFirst()
                    .orElse("");
        }

        boolean test() {
            return body.contains("\"test\":true");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code firing} or {@code resolved}. */
        String event() {
            return json().path("data").path("event").asText();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                AtomicInteger failures = receiver.failuresLeft.get(path);
                boolean fail = !body.contains("\"test\":true") && failures != null && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                int status = fail ? 500 : 200;
                receiver.received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address of {@code path} on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code times} notifications (not tests) to {@code path} are answered 500. */
    void failNext(String path, int times) {
        failuresLeft.put(path, new AtomicInteger(times));
    }

    /** Every request so far, oldest first. */
    List<Received> all() {
        return List.copyOf(received);
    }

    /** The notifications (not tests) that came to {@code path}, oldest first. */
    List<Received> notifications(String path) {
        return received.stream().filter(r -> r.path().equals(path) && !r.test()).toList();
    }

    /** A fresh Standard Webhooks secret: {@code whsec_} and base64 of 32 random bytes. */
    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** The Standard Webhooks signature of a received request recomputed with {@code secret}: {@code v1,} and base64 HMAC-SHA256 of id.timestamp.body. */
    static String signature(String secret, Received request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signed = mac.doFinal((request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body())
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
