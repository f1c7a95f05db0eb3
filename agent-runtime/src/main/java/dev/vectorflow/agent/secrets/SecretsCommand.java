package dev.vectorflow.agent.secrets;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vectorflow-agent secrets --socket PATH --pipeline ID}: the command Vector's {@code exec} secret backend runs.
 * It passes Vector's request (stdin) to the running agent over its private socket and prints the agent's answer
 * (stdout). JDK only, so it starts fast; it never prints a value anywhere else.
 */
public final class SecretsCommand {

    private SecretsCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    public static int run(List<String> args) {
        String socket = null;
        String pipeline = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--socket" -> socket = i + 1 < args.size() ? args.get(++i) : null;
                case "--pipeline" -> pipeline = i + 1 < args.size() ? args.get(++i) : null;
                default -> {
                    // "secrets" itself or unknown words: ignored
                }
            }
        }
        if (socket == null || pipeline == null) {
            System.err.println("usage: vectorflow-agent secrets --socket PATH --pipeline ID (run by Vector's exec secret backend)");
            return 2;
        }
        try {
            byte[] request = System.in.readAllBytes();
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(Path.of(socket)));
                write(channel, (pipeline + "\n").getBytes(StandardCharsets.UTF_8));
                write(channel, request);
                channel.shutdownOutput();
                List<byte[]> chunks = new ArrayList<>();
                ByteBuffer buf = ByteBuffer.allocate(8192);
                int total = 0;
                while (channel.read(buf) >= 0) {
                    byte[] chunk = new byte[buf.position()];
                    buf.flip();
                    buf.get(chunk);
                    buf.clear();
                    chunks.add(chunk);
                    total += chunk.length;
                }
                if (total == 0) {
                    System.err.println("the VectorFlow agent closed the secret channel without an answer");
                    return 1;
                }
                for (byte[] c : chunks) {
                    System.out.write(c);
                }
                System.out.flush();
                return 0;
            }
        } catch (IOException e) {
            System.err.println("cannot reach the VectorFlow agent's secret channel at " + socket + ": " + e.getMessage());
            return 1;
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }
}
