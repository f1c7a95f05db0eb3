package dev.vectorflow.bench.footprint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PipelineReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * The smallest control plane that keeps a real agent busy the way a server does (protocol v1): enroll, heartbeats
 * whose answer carries a {@code deploy} for every wanted pipeline the agent does not run yet, and the configs. It
 * stores nothing but the last heartbeat, so the measured agent, not a database, is what the machine runs.
 */
final class LoopbackControlPlane implements AutoCloseable {

    static final String ENROLLMENT_TOKEN = "vf_enroll_footprint";
    private static final String NODE_TOKEN = "vf_node_00000000f00d0001_" + "5a".repeat(32);

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final Map<String, PipelineConfig> wanted = new LinkedHashMap<>();
    private final long pollIntervalMs;
    private final HttpServer server;
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicReference<HeartbeatRequest> last = new AtomicReference<>();

    /** Plain HTTP, or HTTPS with {@code tls} (as a production server speaks to agents). */
    LoopbackControlPlane(long pollIntervalMs, Optional<SSLContext> tls) throws IOException {
        this.pollIntervalMs = pollIntervalMs;
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(loopback, 16);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
            this.server = https;
        } else {
            this.server = HttpServer.create(loopback, 16);
        }
        server.createContext("/api/agent/", this::handle);
        server.start();
    }

    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void want(String pipelineId, String name, String yaml) {
        wanted.put(pipelineId, new PipelineConfig(pipelineId, name, 1, sha256(yaml), "info", yaml, Map.of(), List.of()));
    }

    long heartbeats() {
        return heartbeats.get();
    }

    /** How many wanted pipelines the last heartbeat reported RUNNING at the wanted checksum. */
    synchronized int running() {
        HeartbeatRequest beat = last.get();
        if (beat == null) {
            return 0;
        }
        int n = 0;
        for (PipelineReport r : beat.pipelines()) {
            PipelineConfig want = wanted.get(r.pipelineId());
            if (want != null && "RUNNING".equals(r.status()) && want.checksum().equals(r.configChecksum())) {
                n++;
            }
        }
        return n;
    }

    /** The pids of the Vector processes the last heartbeat reported. */
    List<Long> vectorPids() {
        HeartbeatRequest beat = last.get();
        return beat == null ? List.of() : beat.pipelines().stream().map(PipelineReport::pid).filter(p -> p != null && p > 0).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/api/agent/enroll")) {
                answer(exchange, 200, new EnrollResponse("00000000-0000-0000-0000-00000000f00d", NODE_TOKEN,
                        "00000000-0000-0000-0000-00000000e0e0", "footprint", pollIntervalMs));
                return;
            }
            if (!("Bearer " + NODE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, Map.of("error", "unknown node token"));
                return;
            }
            switch (method + " " + path) {
                case "POST /api/agent/heartbeat" -> {
                    HeartbeatRequest beat = json.readValue(body, HeartbeatRequest.class);
                    last.set(beat);
                    heartbeats.incrementAndGet();
                    answer(exchange, 200, new HeartbeatResponse(true, pollIntervalMs, deploysFor(beat)));
                }
                case "GET /api/agent/config" -> answer(exchange, 200, desired());
                case "POST /api/agent/config" -> {
                    PipelineConfig config = config(json.readValue(body, ConfigRequest.class).pipelineId());
                    if (config == null) {
                        answer(exchange, 404, Map.of("error", "not meant for this node"));
                    } else {
                        answer(exchange, 200, config);
                    }
                }
                default -> answer(exchange, 404, Map.of("error", "no such call"));
            }
        }
    }

    private synchronized PipelineConfig config(String pipelineId) {
        return wanted.get(pipelineId);
    }

    private synchronized DesiredState desired() {
        return new DesiredState(List.copyOf(wanted.values()), pollIntervalMs);
    }

    private synchronized List<PendingAction> deploysFor(HeartbeatRequest beat) {
        Map<String, String> reported = new LinkedHashMap<>();
        beat.pipelines().forEach(r -> reported.put(r.pipelineId(), r.configChecksum()));
        List<PendingAction> actions = new ArrayList<>();
        for (PipelineConfig want : wanted.values()) {
            if (!want.checksum().equals(reported.get(want.pipelineId()))) {
                actions.add(PendingAction.deploy("deploy-" + want.pipelineId() + "-" + want.checksum().substring(0, 12), want.pipelineId(),
                        want.pipelineName(), want.version(), want.checksum()));
            }
        }
        return actions;
    }

    /** Writes the JSON answer; {@link #handle} closes the exchange, which ends the body. */
    private void answer(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] bytes = json.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
