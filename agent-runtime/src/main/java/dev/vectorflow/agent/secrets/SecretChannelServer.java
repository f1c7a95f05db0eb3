package dev.vectorflow.agent.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.agent.reconcile.SecretVault;
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
    private final ObjectMapper json = new ObjectMapper();
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
                Thread.ofVirtual().start(() -> answer(client));
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
        JsonNode body = newline < 0 ? null : json.readTree(request.substring(newline + 1));
        List<String> keys = new ArrayList<>();
        if (body != null) {
            body.path("secrets").forEach(k -> keys.add(k.asText()));
        }
        Map<String, Optional<String>> values = vault.lookup(pipelineId, keys);
        ObjectNode out = json.createObjectNode();
        values.forEach((key, value) -> {
            ObjectNode entry = out.putObject(key);
            if (value.isPresent()) {
                entry.put("value", value.get());
                entry.putNull("error");
            } else {
                entry.putNull("value");
                entry.put("error", vault.knows(pipelineId)
                        ? "pipeline " + pipelineId + " has no secret named '" + key + "'"
                        : "the agent does not hold the secrets of pipeline " + pipelineId + " (yet)");
            }
        });
        return json.writeValueAsBytes(out);
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
