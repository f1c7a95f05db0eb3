package dev.vectorflow.app;

import dev.vectorflow.standin.VectorStandin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real agent ({@code agent-runtime/target/vectorflow-agent.jar}) as a child process, with the Vector stand-in as its Vector. */
final class AgentProcess implements AutoCloseable {

    static final Path JAR = Path.of("..", "agent-runtime", "target", "vectorflow-agent.jar").toAbsolutePath().normalize();

    private final Process process;
    final Path dataDir;
    final Path log;

    private AgentProcess(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts an agent for {@code serverUrl}; {@code enrollmentToken} may be null once the node token is on disk. */
    static AgentProcess start(String serverUrl, String enrollmentToken, Path dataDir, String labels) throws IOException {
        return start(serverUrl, enrollmentToken, dataDir, labels, Map.of());
    }

    /** As {@link #start(String, String, Path, String)}, with extra {@code VF_*} settings (e.g. shorter supervision timings). */
    static AgentProcess start(String serverUrl, String enrollmentToken, Path dataDir, String labels, Map<String, String> settings)
            throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build it with ./mvnw -pl agent-runtime -am package");
        }
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-agent.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx64m", "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("VF_"));
        env.put("VF_URL", serverUrl);
        if (enrollmentToken != null) {
            env.put("VF_TOKEN", enrollmentToken);
        }
        env.put("VF_DATA_DIR", dataDir.toString());
        env.put("VF_VECTOR_BIN", standin().toString());
        env.put("VF_POLL_INTERVAL", "1s");
        env.put("VF_NODE_LABELS", labels);
        env.putAll(settings);
        return new AgentProcess(builder.start(), dataDir, log);
    }

    /** The stand-in's launcher: beside this module in the source tree, else wherever its classes say (a reactor build). */
    static Path standin() {
        Path sibling = Path.of("..", "vector-standin", "bin", "vector").toAbsolutePath().normalize();
        return Files.isExecutable(sibling) && Files.exists(sibling.getParent().resolveSibling("target").resolve("vector-standin.jar"))
                ? sibling : VectorStandin.launcher();
    }

    /** The agent's own log (its start banner and what it logs), not Vector's. */
    String output() {
        return logText(log);
    }

    /** An agent's log file for a failure message (what it says, or why there is none). */
    static String logText(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no agent log: " + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as systemd would stop it; its Vector processes keep running. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every stand-in Vector this agent started (their pid files are under the data directory). */
    void killVectors() {
        killVectors(dataDir);
    }

    /** Stops every stand-in Vector an agent with this data directory started. */
    static void killVectors(Path dataDir) {
        try (var files = Files.walk(dataDir)) {
            files.filter(f -> f.getFileName().toString().equals("vector.pid")).forEach(f -> {
                try {
                    ProcessHandle.of(Long.parseLong(Files.readString(f).strip())).ifPresent(ProcessHandle::destroyForcibly);
                } catch (IOException | NumberFormatException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
