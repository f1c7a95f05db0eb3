package dev.vectorflow.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a node runs it: the real launcher ({@code packaging/agent/vectorflow-agent}) with its own copy of the
 * shaded jar in an install directory, so that a self-update swaps that copy and the launcher restarts the agent.
 */
final class LaunchedAgent implements AutoCloseable {

    static final Path LAUNCHER = Path.of("..", "packaging", "agent", "vectorflow-agent").toAbsolutePath().normalize();

    private final Process launcher;
    final Path jar;
    final Path dataDir;
    final Path log;

    private LaunchedAgent(Process launcher, Path jar, Path dataDir, Path log) {
        this.launcher = launcher;
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Installs the built agent jar under {@code dir} and starts the launcher with {@code settings} added to the agent's. */
    static LaunchedAgent install(Path dir, String serverUrl, String enrollmentToken, String labels, Map<String, String> settings)
            throws IOException {
        if (!Files.isRegularFile(AgentProcess.JAR)) {
            throw new IllegalStateException(AgentProcess.JAR + " is missing: build it with ./mvnw -pl agent-runtime -am package");
        }
        Path install = Files.createDirectories(dir.resolve("install"));
        Path jar = Files.copy(AgentProcess.JAR, install.resolve("vectorflow-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(LAUNCHER.toString(), "run"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("VF_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("VF_AGENT_JAR", jar.toString());
        env.put("VF_URL", serverUrl);
        env.put("VF_TOKEN", enrollmentToken);
        env.put("VF_DATA_DIR", dataDir.toString());
        env.put("VF_VECTOR_BIN", AgentProcess.standin().toString());
        env.put("VF_POLL_INTERVAL", "1s");
        env.put("VF_NODE_LABELS", labels);
        env.putAll(settings);
        return new LaunchedAgent(builder.start(), jar, dataDir, log);
    }

    /** The agent's JVM, the launcher's java child (a new one after each restart). */
    Optional<ProcessHandle> agentJvm() {
        return launcher.children().filter(c -> c.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false)).findFirst();
    }

    boolean launcherAlive() {
        return launcher.isAlive();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no launcher log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to the launcher, as systemd stops it (the agent's Vector processes keep running); its exit code if it ended in time. */
    OptionalInt stop(Duration grace) {
        launcher.destroy();
        try {
            return launcher.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(launcher.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** Stops the launcher and its agent (forcibly when they do not end on SIGTERM) and the stand-in Vectors. */
    @Override
    public void close() {
        if (stop(Duration.ofSeconds(30)).isEmpty()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        AgentProcess.killVectors(dataDir);
    }
}
