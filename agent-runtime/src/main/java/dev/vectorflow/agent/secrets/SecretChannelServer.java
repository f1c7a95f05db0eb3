package dev.vectorflow.agent.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vectorflow.agent.pipeline.SecretVault;
import dev.vectorflow.agent.token.FileNodeTokenStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's private secret channel: a Unix domain socket (0600, in a 0700 directory) on which the {@code secrets}
 * sub-command, run by Vector's {@code exec} backend, asks for the values of one pipeline. A request is the pipeline
 * id on one line followed by Vector's own request ({@code {"version":"1.0","secrets":[...]}}); the answer is what
 * Vector expects on the command's stdout. Values exist only in memory, here and in Vector.
 */
public final class SecretChannelServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");
    private static final int MAX_REQUEST = 1024 * 1024;

    private final Path socket;
    private final SecretVault vault;
    private final JsonFactory json = new JsonFactory();
    private ServerSocketChannel server;
    private volatile boolean open;

    public SecretChannelServer(Path socket, SecretVault vault) {
        this.socket = socket;
        this.vault = vault;
    }

    public Path socket() {
        return socket;
    }

    public void start() throws IOException {
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new IOException("the secret socket path " + socket + " is too long for a Unix socket (over 100 bytes): use a shorter VF_DATA_DIR");
        }
        FileNodeTokenStore.privateDirectory(socket.getParent());
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        open = true;
        Thread.ofPlatform().daemon().name("vf-secrets").start(this::serve);
    }

    private void serve() {
        while (open) {
            try {
                SocketChannel client = server.accept();
                // a platform thread per request: requests are rare (a Vector starting or reloading), and a virtual thread
                // would keep the scheduler's carrier, poller and unparker threads in an otherwise idle agent
                Thread.ofPlatform().daemon().name("vf-secret-answer").start(() -> answer(client));
            } catch (IOException e) {
                if (open) {
                    LOG.log(System.Logger.Level.WARNING, "secret channel: " + e.getMessage());
                }
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client) {
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (client.read(buf) >= 0) {
                in.write(buf.array(), 0, buf.position());
                buf.clear();
                if (in.size() > MAX_REQUEST) {
                    return;
                }
            }
            byte[] answer = respond(in.toString(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.wrap(answer);
            while (out.hasRemaining()) {
                client.write(out);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "secret channel: " + e.getMessage());
        }
    }

    byte[] respond(String request) throws IOException {
        int newline = request.indexOf('\n');
        String pipelineId = newline < 0 ? request.strip() : request.substring(0, newline).strip();
        List<String> keys = newline < 0 ? List.of() : requestedKeys(request.substring(newline + 1));
        Map<String, Optional<String>> values = vault.lookup(pipelineId, keys);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (JsonGenerator out = json.createGenerator(answer)) {
            out.writeStartObject();
            for (Map.Entry<String, Optional<String>> e : values.entrySet()) {
                out.writeObjectFieldStart(e.getKey());
                if (e.getValue().isPresent()) {
                    out.writeStringField("value", e.getValue().get());
                    out.writeNullField("error");
                } else {
                    out.writeNullField("value");
                    out.writeStringField("error", vault.knows(pipelineId)
                            ? "pipeline " + pipelineId + " has no secret named '" + e.getKey() + "'"
                            : "the agent does not hold the secrets of pipeline " + pipelineId + " (yet)");
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        }
        return answer.toByteArray();
    }

    /** The names in Vector's {@code {"version":"1.0","secrets":["a","b"]}}; other fields are passed over. */
    private List<String> requestedKeys(String body) throws IOException {
        List<String> keys = new ArrayList<>();
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("secrets") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken().isScalarValue()) {
                            keys.add(p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return keys;
    }

    @Override
    public void close() {
        open = false;
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // the next start removes a stale socket file
        }
    }
}
