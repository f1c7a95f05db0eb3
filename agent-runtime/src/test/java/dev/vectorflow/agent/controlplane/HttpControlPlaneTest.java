package dev.vectorflow.agent.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's HTTP client against a real loopback server that answers what a test tells it to: how each answer is taken. */
class HttpControlPlaneTest {

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private HttpServer server;
    private final AtomicReference<Answer> next = new AtomicReference<>();
    private final AtomicReference<String> received = new AtomicReference<>();
    private HttpControlPlane plane;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Answer answer = next.get();
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            }
        });
        server.start();
        plane = new HttpControlPlane(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Reply<HeartbeatResponse> heartbeatAnswered(int status, Map<String, String> headers, String body) {
        return heartbeatAnswered(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private Reply<HeartbeatResponse> heartbeatAnswered(int status, Map<String, String> headers, byte[] body) {
        next.set(new Answer(status, headers, body));
        return plane.heartbeat("vf_node_token", new HeartbeatRequest("1.0.0", null, "STANDALONE", Map.of(), null, List.of(), List.of(),
                List.of(), List.of(), null));
    }

    @Test
    void aHeartbeat_isPostedWithTheToken_andItsAnswerRead() {
        Reply<HeartbeatResponse> reply = heartbeatAnswered(200, Map.of(), "{\"ok\":true,\"pollIntervalMs\":15000,\"pendingActions\":[]}");

        assertThat(reply).isEqualTo(new Reply.Ok<>(new HeartbeatResponse(true, 15000, List.of())));
        assertThat(received.get()).startsWith("POST /api/agent/heartbeat Bearer vf_node_token {\"agentVersion\":\"1.0.0\"");
    }

    @Test
    void refusals_andFailures_becomeTheRepliesTheLoopActsOn() {
        assertThat(heartbeatAnswered(401, Map.of(), "{\"error\":\"node token revoked\"}"))
                .isEqualTo(new Reply.Unauthorized<>("node token revoked"));
        assertThat(heartbeatAnswered(429, Map.of("Retry-After", "7"), "{\"error\":\"slow down\"}"))
                .isInstanceOfSatisfying(Reply.Unavailable.class, u -> assertThat(u.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(heartbeatAnswered(413, Map.of(), "")).isEqualTo(new Reply.Rejected<>(413, "HTTP 413"));
        assertThat(heartbeatAnswered(502, Map.of(), "<html>bad gateway</html>"))
                .isInstanceOfSatisfying(Reply.Unavailable.class, u -> assertThat(u.message()).contains("502").contains("HTTP 502"));
        assertThat(heartbeatAnswered(200, Map.of(), "<html>a login page</html>"))
                .isInstanceOfSatisfying(Reply.Unavailable.class, u -> assertThat(u.message()).contains("cannot read"));
    }

    @Test
    void a503WithRetryAfter_asAServerWithAFullWriteQueueAnswers_isUnavailableForThatLong() {
        Reply<HeartbeatResponse> reply = heartbeatAnswered(503, Map.of("Retry-After", "5"),
                "{\"error\":\"The server is catching up with its writes; retry after 5 s.\",\"status\":503}");

        assertThat(reply).isInstanceOfSatisfying(Reply.Unavailable.class, u -> {
            assertThat(u.retryAfter()).contains(Duration.ofSeconds(5));
            assertThat(u.message()).contains("catching up with its writes");
        });
    }

    @Test
    void anAnswerLargerThanTheProtocolAllows_isNotRead() {
        byte[] huge = new byte[8 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');

        assertThat(heartbeatAnswered(200, Map.of(), huge))
                .isInstanceOfSatisfying(Reply.Unavailable.class, u -> assertThat(u.message()).contains("larger than"));
        assertThat(heartbeatAnswered(200, Map.of(), "{\"ok\":true}")).as("the next call is not disturbed").isInstanceOf(Reply.Ok.class);
    }

    @Test
    void aServerThatIsNotThere_isUnavailable() {
        server.stop(0);

        assertThat(heartbeatAnswered(200, Map.of(), "{}")).isInstanceOfSatisfying(Reply.Unavailable.class,
                u -> assertThat(u.retryAfter()).isEqualTo(Optional.empty()));
    }
}
