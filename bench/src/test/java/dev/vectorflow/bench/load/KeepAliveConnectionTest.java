package dev.vectorflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator's HTTP/1.1 connection against a loopback socket that answers with canned bytes. */
class KeepAliveConnectionTest {

    private ServerSocket server;
    /** Every request the server read, head and body as text. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** How many connections the server accepted. */
    private final AtomicInteger accepted = new AtomicInteger();

    /** Serves each connection's requests in turn with the given answers (one per request, in order, across connections). */
    private URI serve(String... answers) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger next = new AtomicInteger();
        Thread.ofPlatform().daemon(true).start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    accepted.incrementAndGet();
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    while (next.get() < answers.length) {
                        String request = readRequest(in);
                        if (request == null) {
                            break;
                        }
                        requests.add(request);
                        String answer = answers[next.getAndIncrement()];
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (answer.toLowerCase().contains("connection: close")) {
                            break;
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }
        });
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** One request: the head up to the blank line, then Content-Length bytes of body; null at the end of the stream. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                int length = 0;
                for (String line : text.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static KeepAliveConnection.Ascii body(String text) {
        return new KeepAliveConnection.Ascii(4).append(text);
    }

    @Test
    void givenAnswersWithContentLengthAndChunked_thenStatusesAndKeptBodiesAreRead_onOneConnection() throws IOException {
        URI url = serve(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}",
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\ncontent-length: 4\r\n\r\nbusy",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n");
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        try (KeepAliveConnection connection = new KeepAliveConnection(url)) {
            assertThat(connection.post("/api/agent/heartbeat", "vf_node_abc", body("{\"a\":1}"), kept)).isEqualTo(200);
            assertThat(kept.toString(StandardCharsets.ISO_8859_1)).isEqualTo("{\"ok\":true}");
            assertThat(connection.retryAfterSeconds()).as("no Retry-After").isEqualTo(-1);
            assertThat(connection.post("/api/agent/heartbeat", "vf_node_abc", body("{}"))).isEqualTo(503);
            assertThat(connection.retryAfterSeconds()).isEqualTo(2);
            assertThat(connection.post("/api/agent/heartbeat", "vf_node_abc", body("{}"), kept)).isEqualTo(200);
            assertThat(connection.retryAfterSeconds()).as("forgotten with the next answer").isEqualTo(-1);
            assertThat(kept.toString(StandardCharsets.ISO_8859_1)).as("the chunks joined, the kept body emptied first").isEqualTo("hello world");
            assertThat(connection.get("/api/health")).isEqualTo(204);
        }
        assertThat(accepted.get()).as("one keep-alive connection").isEqualTo(1);
        assertThat(requests.getFirst()).isEqualTo("POST /api/agent/heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer vf_node_abc\r\n"
                + "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
        assertThat(requests.getLast()).isEqualTo("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    @Test
    void givenConnectionClose_thenTheNextRequestOpensANewConnection() throws IOException {
        URI url = serve("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        try (KeepAliveConnection connection = new KeepAliveConnection(url)) {
            assertThat(connection.get("/a")).isEqualTo(200);
            assertThat(connection.get("/b")).isEqualTo(200);
        }
        assertThat(accepted.get()).isEqualTo(2);
    }

    @Test
    void givenAnAnswerLongerThanTheBuffer_thenItIsReadWhole() throws IOException {
        String big = "x".repeat(100_000);
        URI url = serve("HTTP/1.1 200 OK\r\nX-Long: " + "h".repeat(10_000) + "\r\nContent-Length: " + big.length() + "\r\n\r\n" + big,
                "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        try (KeepAliveConnection connection = new KeepAliveConnection(url)) {
            assertThat(connection.post("/p", "t", body("{}"), kept)).isEqualTo(200);
            assertThat(kept.size()).isEqualTo(big.length());
            assertThat(connection.get("/next")).as("the stream stays in step after a long answer").isEqualTo(201);
        }
    }

    @Test
    void givenSomethingThatIsNotHttp_thenAnIOExceptionAndTheConnectionIsDropped() throws IOException {
        URI url = serve("SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        try (KeepAliveConnection connection = new KeepAliveConnection(url)) {
            assertThatThrownBy(() -> connection.get("/a")).isInstanceOf(IOException.class).hasMessageContaining("not an HTTP answer");
            assertThat(connection.get("/b")).isEqualTo(200);
        }
        assertThat(accepted.get()).isEqualTo(2);
    }

    @Test
    void givenNumbersAndText_thenAsciiWritesThemAsJsonWould() {
        KeepAliveConnection.Ascii text = new KeepAliveConnection.Ascii(1);
        List<String> written = new ArrayList<>();
        for (long n : new long[] {0, 7, -42, 1_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            written.add(text.reset().append(n).toString());
        }
        assertThat(written).containsExactly("0", "7", "-42", "1000000000000", Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE));
        assertThat(text.reset().append("{\"a\":").append(1).append(',').append(new KeepAliveConnection.Ascii(2).append("\"é\"")).toString())
                .isEqualTo("{\"a\":1,\"?\"");
    }
}
