package dev.vectorflow.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;

/** The real server as a child JVM, the way {@code ./vectorflow} runs it: for end-to-end tests. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code vectorflow <args>} with the given variables (on top of a clean environment). */
    static Process launch(Path workDir, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                VectorFlowCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("VF_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Starts {@code vectorflow server} on a free port and waits until /api/ready answers 200. */
    static ServerProcess start(Path workDir, Map<String, String> env) throws Exception {
        int port = freePort();
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("VF_HTTP_PORT", String.valueOf(port));
        Path log = Files.createTempFile(workDir, "server-", ".log");
        ServerProcess server = new ServerProcess(launch(workDir, log, withPort, "server"), log, port);
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server not ready after " + timeout + ":\n" + output());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits (up to 10 s) until the output contains {@code text}, and returns the output. */
    String awaitOutput(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!output().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return output();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** Sends SIGTERM and returns the exit code. */
    int terminate() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not stop within 60 s after SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            terminate();
        }
    }
}
