package dev.vectorflow.agent.it;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vectorflow.ports.protocol.CertFile;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PipelineReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A control plane for tests: a JDK HttpServer on a loopback port speaking protocol v1 (docs/agent-protocol.md) —
 * enroll, heartbeat (deploy and undeploy derived from the desired state and what the agent reported, plus one-shot
 * actions until acknowledged), config (one or all). It can go down (connection refused) and come back on the same
 * port, and revoke the token.
 */
final class FakeControlPlane implements AutoCloseable {

    static final String ENROLLMENT_TOKEN = "vf_enroll_test";
    static final String NODE_TOKEN = "vf_node_0123456789abcdef_" + "ab".repeat(32);

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final Map<String, PipelineConfig> desired = new LinkedHashMap<>();
    private final List<PendingAction> oneShots = new ArrayList<>();
    final List<HeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger configCalls = new AtomicInteger();
    private volatile boolean revoked;
    private HttpServer server;
    private int port;

    FakeControlPlane() throws IOException {
        start(0);
    }

    private void start(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 32);
        server.createContext("/api/agent/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Connection refused from now on, until {@link #up()}. */
    void down() {
        server.stop(0);
    }

    void up() throws IOException {
        start(port);
    }

    void revoke() {
        revoked = true;
    }

    synchronized void want(String pipelineId, int version, String yaml, Map<String, String> secrets, List<CertFile> certs) {
        desired.put(pipelineId, new PipelineConfig(pipelineId, "pipeline " + pipelineId, version, checksum(yaml, secrets), "info", yaml, secrets, certs));
    }

    synchronized void unwant(String pipelineId) {
        desired.remove(pipelineId);
    }

    synchronized void queue(PendingAction action) {
        oneShots.add(action);
    }

    synchronized PipelineConfig desired(String pipelineId) {
        return desired.get(pipelineId);
    }

    static String checksum(String yaml, Map<String, String> secrets) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(yaml.getBytes(StandardCharsets.UTF_8));
            secrets.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> d.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(d.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The most recent heartbeat's report of a pipeline, if any. */
    PipelineReport lastReport(String pipelineId) {
        for (int i = heartbeats.size() - 1; i >= 0; i--) {
            for (PipelineReport r : heartbeats.get(i).pipelines()) {
                if (r.pipelineId().equals(pipelineId)) {
                    return r;
                }
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        calls.add(method + " " + path);
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (path.equals("/api/agent/enroll") && method.equals("POST")) {
                EnrollRequest r = json.readValue(body, EnrollRequest.class);
                if (!ENROLLMENT_TOKEN.equals(r.token())) {
                    send(exchange, 401, Map.of("error", "unknown enrollment token"));
                    return;
                }
                send(exchange, 200, new EnrollResponse("node-1", NODE_TOKEN, "env-1", "test", 300));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (revoked || !("Bearer " + NODE_TOKEN).equals(auth)) {
                send(exchange, 401, Map.of("error", "unknown or revoked node token"));
                return;
            }
            switch (method + " " + path) {
                case "POST /api/agent/heartbeat" -> {
                    HeartbeatRequest r = json.readValue(body, HeartbeatRequest.class);
                    heartbeats.add(r);
                    send(exchange, 200, new HeartbeatResponse(true, 300, actionsFor(r)));
                }
                case "POST /api/agent/config" -> {
                    configCalls.incrementAndGet();
                    ConfigRequest r = json.readValue(body, ConfigRequest.class);
                    PipelineConfig c = desired(r.pipelineId());
                    if (c == null) {
                        send(exchange, 404, Map.of("error", "pipeline " + r.pipelineId() + " is not meant for this node"));
                    } else {
                        send(exchange, 200, c);
                    }
                }
                case "GET /api/agent/config" -> {
                    synchronized (this) {
                        send(exchange, 200, new DesiredState(List.copyOf(desired.values()), 300));
                    }
                }
                default -> send(exchange, 404, Map.of("error", "no route " + method + " " + path));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, Map.of("error", e.toString()));
        }
    }

    private synchronized List<PendingAction> actionsFor(HeartbeatRequest r) {
        List<PendingAction> actions = new ArrayList<>();
        Map<String, String> reported = new LinkedHashMap<>();
        r.pipelines().forEach(p -> reported.put(p.pipelineId(), p.configChecksum()));
        desired.values().forEach(c -> {
            if (!c.checksum().equals(reported.get(c.pipelineId()))) {
                actions.add(PendingAction.deploy("deploy-" + c.pipelineId() + "-" + c.version() + "-" + c.checksum().substring(0, 16),
                        c.pipelineId(), c.pipelineName(), c.version(), c.checksum()));
            }
        });
        reported.keySet().stream().filter(id -> !desired.containsKey(id)).forEach(id -> actions.add(PendingAction.undeploy("undeploy-" + id, id)));
        r.actionResults().forEach(done -> oneShots.removeIf(a -> a.id().equals(done.actionId())));
        actions.addAll(oneShots);
        return actions;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
