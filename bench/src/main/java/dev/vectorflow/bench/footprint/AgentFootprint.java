package dev.vectorflow.bench.footprint;

import dev.vectorflow.bench.CommandLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Measures the agent's idle footprint the way it runs on a node: the real launcher
 * ({@code packaging/agent/vectorflow-agent}, its JVM flags) with the shaded jar, against a loopback control plane
 * (plain HTTP, or HTTPS with {@code --tls} and a throwaway self-signed certificate the agent is told to trust) that
 * deploys N pipelines on the Vector stand-in and answers heartbeats at the server's interval. Once every
 * pipeline runs and a warm-up passed, it samples {@code /proc/<pid>} of the agent's JVM (VmRSS, smaps_rollup Pss,
 * threads, CPU ticks) for a while and prints the figures. Run it with {@code bench/agent-footprint}.
 */
public final class AgentFootprint {

    record Options(Path root, Path jar, int pipelines, Duration interval, Duration warmup, Duration duration, Duration sampleEvery,
                   String javaOpts, boolean nmt, boolean keep, boolean tls) {

        static Options parse(String[] args) {
            Map<String, String> values = CommandLine.parse(args, Set.of("nmt", "keep", "tls"));
            Path root = Path.of(values.getOrDefault("root", ".")).toAbsolutePath().normalize();
            return new Options(root,
                    Path.of(values.getOrDefault("jar", root.resolve("agent-runtime/target/vectorflow-agent.jar").toString())).toAbsolutePath(),
                    Integer.parseInt(values.getOrDefault("pipelines", "3")),
                    Duration.ofMillis(Long.parseLong(values.getOrDefault("interval-ms", "15000"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup-s", "60"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("duration-s", "180"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("sample-s", "5"))),
                    values.getOrDefault("java-opts", ""), values.containsKey("nmt"), values.containsKey("keep"), values.containsKey("tls"));
        }
    }

    private final Options options;

    private AgentFootprint(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\nusage: bench/agent-footprint [--pipelines 3] [--interval-ms 15000] [--warmup-s 60]"
                    + " [--duration-s 180] [--sample-s 5] [--java-opts '<extra JVM flags>'] [--nmt] [--tls] [--jar <agent jar>] [--keep]");
            System.exit(2);
            return;
        }
        new AgentFootprint(options).run();
    }

    private static String pipeline(int n) {
        return """
                sources:
                  demo: {type: demo_logs, format: json, interval: 1}
                transforms:
                  parse: {type: remap, inputs: [demo], source: ".pipeline = %d"}
                sinks:
                  out: {type: blackhole, inputs: [parse]}
                """.formatted(n);
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("vf-footprint");
        Path dataDir = work.resolve("agent");
        Path log = work.resolve("agent.log");
        Optional<SSLContext> tls = options.tls() ? Optional.of(selfSignedTls(work)) : Optional.empty();
        try (LoopbackControlPlane server = new LoopbackControlPlane(options.interval().toMillis(), tls)) {
            for (int i = 1; i <= options.pipelines(); i++) {
                server.want("00000000-0000-0000-0000-%012d".formatted(i), "footprint-" + i, pipeline(i));
            }
            String trust = tls.isEmpty() ? "" : " -Djavax.net.ssl.trustStore=" + work.resolve("trust.p12")
                    + " -Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12";
            String javaOpts = (options.javaOpts() + trust + (options.nmt() ? " -XX:NativeMemoryTracking=summary" : "")).strip();
            ProcessBuilder builder = new ProcessBuilder(options.root().resolve("packaging/agent/vectorflow-agent").toString(), "run")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("VF_"));
            env.put("VF_URL", server.url());
            env.put("VF_TOKEN", LoopbackControlPlane.ENROLLMENT_TOKEN);
            env.put("VF_DATA_DIR", dataDir.toString());
            env.put("VF_VECTOR_BIN", options.root().resolve("vector-standin/bin/vector").toString());
            env.put("VF_AGENT_JAR", options.jar().toString());
            env.put("VF_JAVA_OPTS", javaOpts);
            System.out.printf("agent %s via the launcher, %d pipeline(s) on the Vector stand-in, heartbeat every %d s%s%n", options.jar(),
                    options.pipelines(), options.interval().toSeconds(), javaOpts.isEmpty() ? "" : ", extra JVM flags: " + javaOpts);
            Process launcher = builder.start();
            // Ctrl-C must not leave an agent and its stand-ins behind
            Thread cleanUp = new Thread(() -> stop(launcher, dataDir), "vf-bench-stop");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            try {
                measure(server, launcher, log);
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
                stop(launcher, dataDir);
            }
        } finally {
            if (options.keep()) {
                System.out.println("kept " + work);
            } else {
                delete(work);
            }
        }
    }

    private void measure(LoopbackControlPlane server, Process launcher, Path log) throws Exception {
        long jvm = await("the agent's JVM", Duration.ofSeconds(30), launcher, log, () -> agentJvm(launcher));
        await(options.pipelines() + " pipeline(s) RUNNING", Duration.ofMinutes(3), launcher, log,
                () -> server.running() == options.pipelines() ? Optional.of(true) : Optional.empty());
        System.out.printf("agent JVM pid %d; all pipelines RUNNING; warming up %d s%n", jvm, options.warmup().toSeconds());
        Thread.sleep(options.warmup().toMillis());

        List<ProcSample> samples = new ArrayList<>();
        long heartbeatsBefore = server.heartbeats();
        long started = System.nanoTime();
        samples.add(ProcSample.of(jvm));
        long end = started + options.duration().toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(options.sampleEvery().toMillis(), Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            samples.add(ProcSample.of(jvm));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long heartbeats = server.heartbeats() - heartbeatsBefore;
        if (!launcher.isAlive() || !ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("the agent stopped while it was measured:\n" + tail(log));
        }
        report(samples, seconds, heartbeats, server.vectorPids(), jvm);
    }

    private void report(List<ProcSample> samples, double seconds, long heartbeats, List<Long> vectorPids, long jvm) throws IOException {
        ProcSample first = samples.getFirst();
        ProcSample last = samples.getLast();
        long ticks = last.cpuTicks() - first.cpuTicks();
        double cpuPercent = ticks / (double) clockTicksPerSecond() / seconds * 100;
        double rssAvg = samples.stream().mapToLong(ProcSample::rssKb).average().orElse(0) / 1024;
        double rssMax = samples.stream().mapToLong(ProcSample::rssKb).max().orElse(0) / 1024.0;
        double rssMin = samples.stream().mapToLong(ProcSample::rssKb).min().orElse(0) / 1024.0;
        double pssAvg = samples.stream().mapToLong(ProcSample::pssKb).average().orElse(0) / 1024;
        double anonAvg = samples.stream().mapToLong(ProcSample::pssAnonKb).average().orElse(0) / 1024;
        double fileAvg = samples.stream().mapToLong(ProcSample::pssFileKb).average().orElse(0) / 1024;
        int threadsMax = samples.stream().mapToInt(ProcSample::threads).max().orElse(0);
        double vectorRss = 0;
        for (long pid : vectorPids) {
            vectorRss += ProcSample.of(pid).rssKb() / 1024.0;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "samples           %d over %.0f s (every %d s), %d heartbeats answered%n", samples.size(), seconds,
                options.sampleEvery().toSeconds(), heartbeats);
        System.out.printf(Locale.ROOT, "agent RSS         %.1f MB avg (min %.1f, max %.1f; peak since start VmHWM %.1f MB)%n", rssAvg, rssMin,
                rssMax, last.hwmKb() / 1024.0);
        System.out.printf(Locale.ROOT, "agent PSS         %.1f MB avg (anonymous %.1f, file-backed %.1f)%n", pssAvg, anonAvg, fileAvg);
        System.out.printf(Locale.ROOT, "agent CPU         %.2f %% of one core (%d ticks in %.0f s)%n", cpuPercent, ticks, seconds);
        System.out.printf(Locale.ROOT, "agent threads     %d: %s%n", threadsMax, ProcSample.threadNames(jvm));
        if (!vectorPids.isEmpty()) {
            System.out.printf(Locale.ROOT, "Vector stand-ins  %.1f MB RSS each (avg of %d)%n", vectorRss / vectorPids.size(), vectorPids.size());
        }
        if (options.nmt()) {
            System.out.println();
            System.out.println(run(jcmd(), Long.toString(jvm), "GC.heap_info"));
            System.out.println(run(jcmd(), Long.toString(jvm), "VM.native_memory", "summary"));
        }
    }

    /** The JDK's own password of its {@code cacerts}, kept for the copies in the measurement's temporary directory. */
    private static final String STORE_PASSWORD = "changeit";

    /**
     * A self-signed certificate for 127.0.0.1 made with the JDK's keytool: the server's key store and, for the agent
     * ({@code -Djavax.net.ssl.trustStore}), a copy of the JDK's {@code cacerts} with that certificate added, so the agent
     * holds the same ~150 trusted CAs it holds in production. Both in {@code work}.
     */
    private static SSLContext selfSignedTls(Path work) throws Exception {
        Path keytool = jcmd().resolveSibling("keytool");
        Path keys = work.resolve("server.p12");
        Path cert = work.resolve("server.pem");
        Path trust = work.resolve("trust.p12");
        Files.copy(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"), trust);
        for (List<String> step : List.of(
                List.of("-genkeypair", "-alias", "vf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
                        "-storepass", STORE_PASSWORD),
                List.of("-exportcert", "-rfc", "-alias", "vf", "-keystore", keys.toString(), "-storepass", STORE_PASSWORD,
                        "-file", cert.toString()),
                List.of("-importcert", "-noprompt", "-alias", "vf", "-file", cert.toString(), "-storetype", "PKCS12",
                        "-keystore", trust.toString(), "-storepass", STORE_PASSWORD))) {
            String said = run(keytool, step.toArray(String[]::new));
            if (!Files.exists(step.contains("-genkeypair") ? keys : cert) || said.contains("error")) {
                throw new IllegalStateException("keytool " + step.getFirst() + " failed: " + said);
            }
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keys)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    private static Path jcmd() {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        return java.resolveSibling("jcmd");
    }

    private static long clockTicksPerSecond() {
        try {
            return Long.parseLong(run(Path.of("getconf"), "CLK_TCK").strip());
        } catch (RuntimeException e) {
            return 100;
        }
    }

    private static String run(Path command, String... args) {
        List<String> line = new ArrayList<>(List.of(command.toString()));
        line.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(command + " cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The java process the launcher started (its child; a new one after a restart). */
    private static Optional<Long> agentJvm(Process launcher) {
        return launcher.children().filter(c -> c.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    private interface Probe<T> {
        Optional<T> get() throws IOException;
    }

    private static <T> T await(String what, Duration timeout, Process launcher, Path log, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the launcher exited (" + launcher.exitValue() + ") before " + what + ":\n" + tail(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out waiting for " + what + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM to the launcher (it passes it on to the agent), then the stand-ins by the pids in their pid files. */
    private static void stop(Process launcher, Path dataDir) {
        try {
            launcher.destroy();
            if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
            if (!Files.isDirectory(dataDir)) {
                return;
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path pidFile : files.filter(f -> f.getFileName().toString().equals("vector.pid")).toList()) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(h -> {
                        h.destroy();
                        h.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(t -> {
                            h.destroyForcibly();
                            return h;
                        }).join();
                    });
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop everything the measurement started: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
