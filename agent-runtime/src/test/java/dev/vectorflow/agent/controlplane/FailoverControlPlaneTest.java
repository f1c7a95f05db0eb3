package dev.vectorflow.agent.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PreviewRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several servers behind one agent: real loopback servers, one of them gone or failing; which one each call reaches. */
class FailoverControlPlaneTest {

    private final List<HttpServer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(s -> s.stop(0));
    }

    /** A server that answers every call with {@code status} and counts the calls. */
    private URI server(int status, AtomicInteger calls) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            try (exchange) {
                calls.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = (status == 200 ? "{\"ok\":true,\"pollIntervalMs\":15000,\"pendingActions\":[]}"
                        : "{\"error\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        started.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** An address nothing listens on. */
    private static URI deadAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static FailoverControlPlane plane(URI... addresses) {
        List<URI> list = List.of(addresses);
        return new FailoverControlPlane(list, list.stream().map(u -> new HttpControlPlane(u, Duration.ofSeconds(2))).toList());
    }

    private static Reply<HeartbeatResponse> beat(FailoverControlPlane plane) {
        return plane.heartbeat("vf_node_token", new HeartbeatRequest("1.0.0", null, "STANDALONE", Map.of(), null, List.of(), List.of(),
                List.of(), List.of(), null));
    }

    @Test
    void aServerThatDoesNotAnswer_costsOneFailedCall_thenTheNextAddressServes_andTheAgentStaysThere() throws IOException {
        AtomicInteger second = new AtomicInteger();
        URI dead = deadAddress();
        URI alive = server(200, second);
        FailoverControlPlane plane = plane(dead, alive);

        assertThat(beat(plane)).isInstanceOf(Reply.Unavailable.class);
        assertThat(plane.current()).isEqualTo(alive);
        assertThat(beat(plane)).isInstanceOf(Reply.Ok.class);
        assertThat(beat(plane)).isInstanceOf(Reply.Ok.class);

        assertThat(second).as("both later calls on the live server").hasValue(2);
        assertThat(plane.current()).isEqualTo(alive);
    }

    @Test
    void a503_movesOnToo_roundTheList_backToTheFirst() throws IOException {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        AtomicInteger c = new AtomicInteger();
        URI first = server(200, a);
        FailoverControlPlane plane = plane(server(503, b), server(502, c), first);

        assertThat(beat(plane)).isInstanceOf(Reply.Unavailable.class);
        assertThat(beat(plane)).isInstanceOf(Reply.Unavailable.class);
        assertThat(beat(plane)).isInstanceOf(Reply.Ok.class);

        assertThat(List.of(b.get(), c.get(), a.get())).containsExactly(1, 1, 1);
        assertThat(plane.current()).isEqualTo(first);
    }

    @Test
    void previewCalls_goToTheCurrentServer_andMoveOnLikeEveryOtherCall() throws IOException {
        AtomicInteger alive = new AtomicInteger();
        URI live = server(200, alive);
        FailoverControlPlane plane = plane(deadAddress(), live);

        assertThat(plane.previewJob("vf_node_token", new PreviewRequest("req-1"))).isInstanceOf(Reply.Unavailable.class);
        assertThat(plane.current()).isEqualTo(live);
        plane.previewJob("vf_node_token", new PreviewRequest("req-1"));
        assertThat(alive).as("the next preview call reached the live server").hasValue(1);
    }

    @Test
    void aRefusal_isTheSameAnswerOnEveryServer_andDoesNotMoveTheAgent() throws IOException {
        AtomicInteger refusing = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        URI first = server(401, refusing);
        FailoverControlPlane plane = plane(first, server(200, other));

        assertThat(beat(plane)).isInstanceOf(Reply.Unauthorized.class);
        assertThat(plane.current()).isEqualTo(first);
        assertThat(other).hasValue(0);
    }
}
