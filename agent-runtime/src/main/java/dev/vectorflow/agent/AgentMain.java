package dev.vectorflow.agent;

import dev.vectorflow.adapter.vector.process.LocalVectorProcesses;
import dev.vectorflow.adapter.vector.process.VectorApiTelemetry;
import dev.vectorflow.adapter.vector.process.YamlVectorConfigRules;
import dev.vectorflow.agent.controlplane.FailoverControlPlane;
import dev.vectorflow.agent.controlplane.HttpControlPlane;
import dev.vectorflow.agent.host.ProcHostProbe;
import dev.vectorflow.agent.control.AgentDaemon;
import dev.vectorflow.agent.pipeline.Backoff;
import dev.vectorflow.agent.control.ControlLoop;
import dev.vectorflow.agent.control.ControlSettings;
import dev.vectorflow.agent.pipeline.PipelineSettings;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.pipeline.SecretVault;
import dev.vectorflow.agent.secrets.SecretChannelServer;
import dev.vectorflow.agent.secrets.SecretsCommand;
import dev.vectorflow.agent.token.FileNodeTokenStore;
import dev.vectorflow.agent.update.SignedJarUpdater;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's composition root and command line: {@code run} (default) starts the daemon, {@code secrets} is the
 * command Vector's exec secret backend runs, {@code version} prints the version. Wiring by hand, no container.
 */
public final class AgentMain {

    /** Exit code that asks the launcher (or systemd) to start the agent again, after a self-update. */
    public static final int EXIT_RESTART = 75;
    public static final int EXIT_CONFIG = 78;

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "secrets" -> System.exit(SecretsCommand.run(List.of(args)));
            case "version", "--version" -> System.out.println("vectorflow-agent " + version());
            case "help", "--help", "-h" -> System.out.println(usage());
            case "run" -> System.exit(run(System.getenv()));
            default -> {
                System.err.println("unknown command '" + command + "'\n" + usage());
                System.exit(2);
            }
        }
    }

    static String usage() {
        return """
                vectorflow-agent [run]     run the agent (VF_URL, VF_TOKEN, VF_DATA_DIR, VF_NODE_LABELS, VF_VECTOR_BIN,
                                           VF_POLL_INTERVAL, VF_UPDATE_PUBLIC_KEY, VF_SETTLE_WINDOW, VF_CRASH_BACKOFF,
                                           VF_CRASH_BACKOFF_MAX, VF_CRASH_LOOP_AFTER, VF_PORT_RANGE; see README "Running the agent")
                vectorflow-agent secrets   used by Vector's exec secret backend; not for people
                vectorflow-agent version   print the version""";
    }

    public static String version() {
        String v = AgentMain.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    static int run(Map<String, String> env) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        // HttpURLConnection would send a POST again by itself after a dropped keep-alive connection; an enrollment
        // must not be (its token may be single-use): the control loop retries what failed, with backoff
        System.setProperty("sun.net.http.retryPost", "false");
        AgentSettings settings;
        PipelineSettings supervision;
        try {
            settings = AgentSettings.fromEnvironment(env);
            supervision = SupervisionSettings.fromEnvironment(env, PipelineSettings.defaults(secretCommand(settings.dataDirectory())));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return EXIT_CONFIG;
        }
        System.err.println("vectorflow-agent " + version() + " starting with " + settings + "; " + SupervisionSettings.describe(supervision));
        if (settings.enrollmentToken().isEmpty() && !Files.exists(settings.dataDirectory().resolve("node-token"))) {
            System.err.println("This node is not enrolled (no " + settings.dataDirectory().resolve("node-token")
                    + ") and VF_TOKEN is not set: create an enrollment token in VectorFlow and start the agent with VF_TOKEN=<token>.");
            return EXIT_CONFIG;
        }
        CountDownLatch restart = new CountDownLatch(1);
        Agent agent;
        try {
            agent = Agent.start(settings, supervision, Clock.systemUTC(),
                    v -> restart.countDown());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("the agent cannot start: " + e.getMessage());
            return EXIT_CONFIG;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> agent.stop(false), "vf-shutdown"));
        while (!restart.await(1, TimeUnit.SECONDS)) {
            boolean refused = agent.daemon().control().state() == ControlLoop.State.UNAUTHORIZED;
            if (refused && agent.daemon().pipelines().views().isEmpty() && !Files.exists(settings.dataDirectory().resolve("node-token"))) {
                System.err.println("Nothing to run and no way to reach the server (see above): the agent stops.");
                return EXIT_CONFIG;
            }
        }
        return EXIT_RESTART;
    }

    /** The command Vector's exec backend runs: this JVM's java with only the agent's classes, the secrets entry point. */
    public static List<String> secretCommand(Path dataDirectory) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-cp", codeSource().toString(),
                SecretsCommand.class.getName(), "--socket", secretSocket(dataDirectory).toString()));
        return command;
    }

    static Path secretSocket(Path dataDirectory) {
        return dataDirectory.resolve("run").resolve("secrets.sock");
    }

    static Path codeSource() {
        try {
            return Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the agent's classes are", e);
        }
    }

    /** A wired, started agent: daemon and secret channel. */
    public static final class Agent {

        private final AgentDaemon daemon;
        private final SecretChannelServer secrets;

        private Agent(AgentDaemon daemon, SecretChannelServer secrets) {
            this.daemon = daemon;
            this.secrets = secrets;
        }

        public AgentDaemon daemon() {
            return daemon;
        }

        /** Wires every adapter by hand and starts the agent; Vector processes of an earlier run are adopted. */
        public static Agent start(AgentSettings settings, PipelineSettings supervision, Clock clock, Consumer<String> restartForUpdate)
                throws IOException {
            return start(settings, supervision, clock, restartForUpdate, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                    Duration.ofSeconds(1));
        }

        public static Agent start(AgentSettings settings, PipelineSettings supervision, Clock clock, Consumer<String> restartForUpdate,
                                  Backoff retryBackoff, Duration minHeartbeatGap) throws IOException {
            Path dataDir = settings.dataDirectory();
            FileNodeTokenStore.privateDirectory(dataDir);
            SecretVault vault = new SecretVault();
            SecretChannelServer secrets = new SecretChannelServer(secretSocket(dataDir), vault);
            secrets.start();
            LocalVectorProcesses vector = new LocalVectorProcesses(settings.vectorBinary(), Duration.ofSeconds(60));
            VectorApiTelemetry telemetry = new VectorApiTelemetry(settings.vectorBinary());
            YamlVectorConfigRules rules = new YamlVectorConfigRules();
            FailoverControlPlane server = new FailoverControlPlane(settings.serverUrls(),
                    settings.serverUrls().stream().map(url -> new HttpControlPlane(url, Duration.ofSeconds(10))).toList());
            FileNodeTokenStore tokens = new FileNodeTokenStore(dataDir);
            ProcHostProbe host = ProcHostProbe.ofThisHost(dataDir);
            Optional<Path> jar = Optional.of(codeSource()).filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p));
            SignedJarUpdater updater = new SignedJarUpdater(settings.updatePublicKey().map(SignedJarUpdater::parsePublicKey), jar, dataDir, clock);
            String vectorVersion = vector.version();
            ControlSettings control = new ControlSettings(version(), hostname(), os(), deploymentMode(), settings.labels(),
                    settings.enrollmentToken(), settings.pollInterval(), minHeartbeatGap, retryBackoff, Duration.ofSeconds(2), Duration.ofSeconds(10));
            AgentDaemon daemon = new AgentDaemon(
                    onChange -> new Pipelines(supervision, vector, telemetry, rules, vault, dataDir, clock, onChange),
                    pipelines -> new ControlLoop(control, server, tokens, host, pipelines, telemetry, updater, () -> vectorVersion, clock,
                            new SecureRandom(), restartForUpdate),
                    supervision.tick());
            daemon.start();
            return new Agent(daemon, secrets);
        }

        /** Stops the agent; the Vector processes keep running unless {@code stopPipelines}. */
        public void stop(boolean stopPipelines) {
            daemon.stop(stopPipelines);
            secrets.close();
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    private static String os() {
        String arch = System.getProperty("os.arch", "unknown");
        String goArch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
        return System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT) + "/" + goArch;
    }

    private static String deploymentMode() {
        return Files.exists(Path.of("/.dockerenv")) ? "DOCKER" : "STANDALONE";
    }
}
