package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vectorflow.agent.update.SignedJarUpdater;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.jar.JarFile;

/**
 * The agent's self-update as one cycle, with the real server, the real launcher script, the shaded agent jar and the
 * Vector stand-in: an admin registers a signed release served from a loopback HTTP server and updates a node; the
 * agent checks and swaps its jar, the launcher restarts it, the fleet shows the new version, and the pipeline's
 * Vector runs on untouched. Releases that never heartbeat or do not start are rolled back by the launcher and
 * reported as the update's failure; a release with a foreign signature is refused and nothing is swapped.
 */
class AgentSelfUpdateEndToEndTest {

    /** Short enough for a test, long enough for a healthy agent to start and heartbeat on a busy 2-core machine. */
    private static final int SETTLE_SECONDS = 20;
    private static final String HANGING_SAYS = "this agent release starts and never calls the server";

    @TempDir
    static Path dir;
    private static TestServer server;
    private static ApiClient admin;
    private static HttpServer downloads;
    private static final Map<String, byte[]> published = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> fetched = new ConcurrentHashMap<>();
    private static KeyPair releaseKeys;
    private static Path releaseKeyFile;
    private static String installedVersion;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"), Map.of("VF_POLL_INTERVAL_MS", "1000"));
        admin = server.root();
        // the release key is made as a release manager makes it: `vectorflow release keygen`
        releaseKeyFile = dir.resolve("release.key");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(VectorFlowCli.run(new String[] {"release", "keygen", "--out", releaseKeyFile.toString()}, Map.of(),
                new PrintStream(printed, true, StandardCharsets.UTF_8), System.err)).isZero();
        String publicKey = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("VF_UPDATE_PUBLIC_KEY="))
                .findFirst().orElseThrow().substring("VF_UPDATE_PUBLIC_KEY=".length());
        releaseKeys = new KeyPair(SignedJarUpdater.parsePublicKey(publicKey), ReleaseCommands.readPrivateKey(releaseKeyFile));
        downloads = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        downloads.createContext("/releases/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring("/releases/".length());
                byte[] jar = published.get(name);
                fetched.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                if (jar == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, jar.length);
                exchange.getResponseBody().write(jar);
            }
        });
        downloads.start();
        try (var jar = new JarFile(AgentProcess.JAR.toFile())) {
            installedVersion = jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }

    @AfterAll
    static void stop() {
        if (downloads != null) {
            downloads.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSignedRelease_replacesTheAgent_whileVectorRunsOn_andAForeignSignatureIsRefused() throws Exception {
        Node node = enrollAndDeploy("update-ok", Map.of());
        LaunchedAgent agent = node.agent;
        try (agent) {
            long firstAgentPid = agent.agentJvm().orElseThrow().pid();
            byte[] original = Files.readAllBytes(agent.jar);

            // signed and described by `vectorflow release sign`, as `./vectorflow dist` does, and registered as written
            byte[] release = withManifest(original, "0.2.0-e2e", null);
            String actionId = releaseFromCliAndUpdate(node, "0.2.0-e2e", release);

            eventually("the fleet shows the node on 0.2.0-e2e", () -> admin.get("/api/environments/" + node.environment + "/nodes").json().get("nodes"),
                    nodes -> nodes.get(0).get("agentVersion").asText().equals("0.2.0-e2e"), agent);
            JsonNode settled = eventually("the update action settled", () -> action(node, actionId),
                    a -> !a.get("status").asText().equals("PENDING"), agent);
            assertThat(settled.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(settled.get("type").asText()).isEqualTo("update");
            assertThat(settled.get("targetVersion").asText()).isEqualTo("0.2.0-e2e");

            long updatedAgentPid = agent.agentJvm().orElseThrow().pid();
            assertThat(updatedAgentPid).as("the launcher started a new agent").isNotEqualTo(firstAgentPid);
            assertThat(ProcessHandle.of(firstAgentPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(agent.launcherAlive()).isTrue();
            assertThat(agent.output()).contains("restarting into the updated agent");
            assertThat(sha256(Files.readAllBytes(agent.jar))).as("the installed jar").isEqualTo(sha256(release));
            assertThat(sha256(Files.readAllBytes(previous(agent)))).as("the previous jar, kept for a rollback").isEqualTo(sha256(original));
            assertThat(agent.dataDir.resolve("update-pending")).as("the new agent proved itself").doesNotExist();
            node.assertVectorRanThroughout();

            // a release signed with another key: refused, reported, nothing swapped, no restart
            byte[] forged = withManifest(original, "0.3.0-e2e", null);
            KeyPair otherKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String forgedAction = releaseAndUpdate(node, "0.3.0-e2e", forged, sign(forged, otherKeys));
            JsonNode refused = eventually("the forged update settled", () -> action(node, forgedAction),
                    a -> !a.get("status").asText().equals("PENDING"), agent);
            assertThat(refused.get("status").asText()).isEqualTo("FAILED");
            assertThat(refused.get("message").asText()).contains("signature does not match");
            JsonNode detail = eventually("the node shows why", () -> admin.get("/api/nodes/" + node.id).json(),
                    n -> n.get("updateError").asText().contains("signature"), agent);
            assertThat(detail.get("agentVersion").asText()).isEqualTo("0.2.0-e2e");
            assertThat(agent.agentJvm().orElseThrow().pid()).isEqualTo(updatedAgentPid);
            assertThat(sha256(Files.readAllBytes(agent.jar))).isEqualTo(sha256(release));
            assertThat(fetched.get("0.3.0-e2e.jar").get()).isEqualTo(1);
            node.assertVectorRanThroughout();
        } finally {
            node.stopWatching();
        }
    }

    @Test
    void aReleaseThatNeverHeartbeats_orDoesNotStart_isRolledBack_reportedAsFailed_andNotTriedAgain() throws Exception {
        Node node = enrollAndDeploy("rollback", Map.of("VF_UPDATE_SETTLE_SECONDS", Integer.toString(SETTLE_SECONDS)));
        LaunchedAgent agent = node.agent;
        try (agent) {
            byte[] original = Files.readAllBytes(agent.jar);

            // a build whose main starts and then hangs before it ever calls the server
            byte[] hanging = withManifest(original, "0.4.0-hang", "HangingAgent");
            String hangAction = releaseAndUpdate(node, "0.4.0-hang", hanging, sign(hanging, releaseKeys));
            eventually("the hanging release is in place", () -> sha256(readOrEmpty(agent.jar)).equals(sha256(hanging))
                    ? admin.get("/api/health").json() : null, ok -> true, agent);
            JsonNode timedOut = eventually("the rolled back update reported", () -> action(node, hangAction),
                    a -> !a.get("status").asText().equals("PENDING"), agent);
            assertThat(timedOut.get("status").asText()).isEqualTo("FAILED");
            assertThat(timedOut.get("message").asText()).isEqualTo("the agent 0.4.0-hang did not heartbeat within " + SETTLE_SECONDS
                    + " s; the launcher put the previous agent back");
            assertThat(sha256(Files.readAllBytes(agent.jar))).as("the previous jar is back").isEqualTo(sha256(original));
            JsonNode back = eventually("the previous agent heartbeats again", () -> admin.get("/api/nodes/" + node.id).json(),
                    n -> Instant.parse(n.get("lastHeartbeatAt").asText()).isAfter(Instant.parse(timedOut.get("settledAt").asText())), agent);
            assertThat(back.get("agentVersion").asText()).isEqualTo(installedVersion);
            assertThat(back.get("updateError").asText()).contains("did not heartbeat within");

            // a build for a newer Java than the node has: the JVM refuses its main class and exits at once
            byte[] tooNew = withManifest(withClassVersion(original, "dev/vectorflow/agent/AgentMain.class", 99), "0.5.0-java99", null);
            String tooNewAction = releaseAndUpdate(node, "0.5.0-java99", tooNew, sign(tooNew, releaseKeys));
            JsonNode crashed = eventually("the release that did not start reported", () -> action(node, tooNewAction),
                    a -> !a.get("status").asText().equals("PENDING"), agent);
            assertThat(crashed.get("status").asText()).isEqualTo("FAILED");
            assertThat(crashed.get("message").asText()).isEqualTo("the agent 0.5.0-java99 exited with code 1 before its first heartbeat;"
                    + " the launcher put the previous agent back");
            eventually("the node shows the second failure", () -> admin.get("/api/nodes/" + node.id).json(),
                    n -> n.get("updateError").asText().contains("0.5.0-java99") && n.get("agentVersion").asText().equals(installedVersion), agent);

            // the failed actions are settled: the agent that was put back does not download them again
            Instant now = Instant.now();
            eventually("a few more heartbeats", () -> admin.get("/api/nodes/" + node.id).json(),
                    n -> Instant.parse(n.get("lastHeartbeatAt").asText()).isAfter(now.plusSeconds(3)), agent);
            assertThat(fetched.get("0.4.0-hang.jar").get()).isEqualTo(1);
            assertThat(fetched.get("0.5.0-java99.jar").get()).isEqualTo(1);
            assertThat(sha256(Files.readAllBytes(agent.jar))).isEqualTo(sha256(original));
            assertThat(agent.launcherAlive()).isTrue();
            node.assertVectorRanThroughout();

            // stopping the node (systemd's SIGTERM) while an update settles stops it: no rollback and restart first
            byte[] hangingAgain = withManifest(original, "0.6.0-hang", "HangingAgent");
            releaseAndUpdate(node, "0.6.0-hang", hangingAgain, sign(hangingAgain, releaseKeys));
            eventually("the second hanging release runs", () -> agent.output().split(HANGING_SAYS, -1).length == 3
                    ? admin.get("/api/health").json() : null, ok -> true, agent);
            assertThat(agent.stop(Duration.ofSeconds(15))).as("the launcher ended on SIGTERM").isPresent();
            assertThat(agent.dataDir.resolve("update-failed")).doesNotExist();
            assertThat(sha256(Files.readAllBytes(agent.jar))).as("not rolled back yet: the next start does that").isEqualTo(sha256(hangingAgain));
        } finally {
            node.stopWatching();
        }
    }

    // ---- the node under test ----

    /** An enrolled node run by the launcher with one deployed pipeline RUNNING, and a watch on its Vector process. */
    private static final class Node {
        final String environment;
        final String id;
        final LaunchedAgent agent;
        final long vectorPid;
        final Instant vectorStarted;
        private final AtomicBoolean vectorGone = new AtomicBoolean();
        private final Thread watch;

        Node(String environment, String id, LaunchedAgent agent, long vectorPid) {
            this.environment = environment;
            this.id = id;
            this.agent = agent;
            this.vectorPid = vectorPid;
            this.vectorStarted = ProcessHandle.of(vectorPid).flatMap(p -> p.info().startInstant()).orElseThrow();
            this.watch = Thread.ofPlatform().daemon().name("vector-watch").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    if (!ProcessHandle.of(vectorPid).map(ProcessHandle::isAlive).orElse(false)) {
                        vectorGone.set(true);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        /** Same process all along (never seen gone, same start time), and the server sees it RUNNING with that pid. */
        void assertVectorRanThroughout() throws InterruptedException {
            assertThat(vectorGone.get()).as("Vector pid %d was seen gone", vectorPid).isFalse();
            assertThat(ProcessHandle.of(vectorPid).flatMap(p -> p.info().startInstant())).contains(vectorStarted);
            JsonNode pipelines = eventually("the pipeline reported RUNNING", () -> admin.get("/api/nodes/" + id).json().get("pipelines"),
                    p -> p.size() == 1 && p.get(0).get("status").asText().equals("RUNNING"), agent);
            assertThat(pipelines.get(0).get("pid").asLong()).isEqualTo(vectorPid);
        }

        void stopWatching() {
            watch.interrupt();
        }
    }

    private static Node enrollAndDeploy(String name, Map<String, String> launcherSettings) throws Exception {
        String env = server.createEnvironment(admin, server.createTeam(name), name);
        String token = admin.postJson("/api/environments/" + env + "/enrollment-tokens", "{}").json().get("token").asText();
        Map<String, String> settings = new HashMap<>(launcherSettings);
        settings.put("VF_UPDATE_PUBLIC_KEY", Base64.getEncoder().encodeToString(releaseKeys.getPublic().getEncoded()));
        LaunchedAgent agent = LaunchedAgent.install(dir.resolve(name), "http://127.0.0.1:" + server.app.port(), token, "role=" + name, settings);
        try {
            JsonNode nodes = eventually("the agent enrolled and reported", () -> admin.get("/api/environments/" + env + "/nodes").json().get("nodes"),
                    n -> n.size() == 1 && n.get(0).get("lastHeartbeatAt") != null && !n.get(0).get("lastHeartbeatAt").isNull(), agent);
            String nodeId = nodes.get(0).get("id").asText();
            assertThat(nodes.get(0).get("agentVersion").asText()).isEqualTo(installedVersion);
            String pipeline = admin.postJson("/api/environments/" + env + "/pipelines", "{\"name\":\"" + name + "-logs\",\"graph\":" + GRAPH + "}")
                    .json().get("id").asText();
            assertThat(admin.postJson("/api/pipelines/" + pipeline + "/versions", ApiClient.json("message", "v1")).status()).isEqualTo(201);
            assertThat(admin.postJson("/api/pipelines/" + pipeline + "/deployments", "{}").status()).isEqualTo(201);
            JsonNode running = eventually("the pipeline RUNNING", () -> admin.get("/api/nodes/" + nodeId).json().get("pipelines"),
                    p -> p.size() == 1 && p.get(0).get("status").asText().equals("RUNNING"), agent);
            return new Node(env, nodeId, agent, running.get(0).get("pid").asLong());
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            agent.close();
            throw e;
        }
    }

    private static final String GRAPH = """
            {"components":[
              {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json","interval":0.5}},
              {"key":"parse","kind":"transform","type":"remap","options":{"source":".seen = true"}},
              {"key":"out","kind":"sink","type":"blackhole","options":{}}],
             "edges":[{"from":"demo","to":"parse"},{"from":"parse","to":"out"}]}""";

    /** Publishes the jar on the loopback download server, registers it as a release and updates the node; returns the action id. */
    private static String releaseAndUpdate(Node node, String version, byte[] jar, String signature) {
        published.put(version + ".jar", jar);
        ApiClient.Answer registered = admin.postJson("/api/agent-releases", ApiClient.json("version", version,
                "downloadUrl", "http://127.0.0.1:" + downloads.getAddress().getPort() + "/releases/" + version + ".jar",
                "checksum", "sha256:" + sha256(jar), "signature", signature, "notes", "end-to-end test build"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        ApiClient.Answer update = admin.postJson("/api/nodes/" + node.id + "/update", ApiClient.json("version", version));
        assertThat(update.status()).as(update.body()).isEqualTo(202);
        return update.json().get("actionId").asText();
    }

    /** As {@link #releaseAndUpdate}, but the release body is the file {@code vectorflow release sign} wrote. */
    private static String releaseFromCliAndUpdate(Node node, String version, byte[] jar) throws IOException {
        published.put(version + ".jar", jar);
        Path jarFile = dir.resolve(version + ".jar");
        Path releaseFile = dir.resolve(version + ".json");
        Files.write(jarFile, jar);
        String url = "http://127.0.0.1:" + downloads.getAddress().getPort() + "/releases/" + version + ".jar";
        assertThat(VectorFlowCli.run(new String[] {"release", "sign", "--key", releaseKeyFile.toString(), "--jar", jarFile.toString(),
                "--version", version, "--download-url", url, "--output", releaseFile.toString()}, Map.of(), System.out, System.err)).isZero();
        ApiClient.Answer registered = admin.postJson("/api/agent-releases", Files.readString(releaseFile));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        ApiClient.Answer update = admin.postJson("/api/nodes/" + node.id + "/update", ApiClient.json("version", version));
        assertThat(update.status()).as(update.body()).isEqualTo(202);
        return update.json().get("actionId").asText();
    }

    private static JsonNode action(Node node, String actionId) {
        for (JsonNode a : admin.get("/api/nodes/" + node.id + "/actions").json()) {
            if (a.get("id").asText().equals(actionId)) {
                return a;
            }
        }
        return null;
    }

    private static JsonNode eventually(String what, Supplier<JsonNode> probe, Predicate<JsonNode> done, LaunchedAgent agent)
            throws InterruptedException {
        return Polling.until(what, Duration.ofSeconds(120), probe, done, () -> "launcher and agent output:\n" + agent.output());
    }

    private static Path previous(LaunchedAgent agent) {
        return agent.jar.resolveSibling(agent.jar.getFileName() + ".previous");
    }

    private static byte[] readOrEmpty(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    // ---- release builds ----

    /**
     * A copy of the agent jar whose manifest says {@code version} (what the agent reports as its version); with
     * {@code hangingMain}, that class, compiled here, becomes the main class: it starts and sleeps forever.
     */
    private static byte[] withManifest(byte[] jar, String version, String hangingMain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length + 4096);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            if (hangingMain != null) {
                manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, hangingMain);
            }
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
                if (hangingMain != null) {
                    copy.putNextEntry(new JarEntry(hangingMain + ".class"));
                    copy.write(compile(hangingMain, """
                            public class %s {
                                public static void main(String[] args) throws InterruptedException {
                                    System.err.println("%s");
                                    Thread.sleep(Long.MAX_VALUE);
                                }
                            }""".formatted(hangingMain, HANGING_SAYS)));
                    copy.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    /** The jar with one class's class-file major version changed (99: built for a Java this machine does not have). */
    private static byte[] withClassVersion(byte[] jar, String className, int major) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar));
             JarOutputStream copy = new JarOutputStream(out, in.getManifest())) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals(className)) {
                    bytes[6] = (byte) (major >> 8);
                    bytes[7] = (byte) major;
                }
                copy.putNextEntry(new JarEntry(entry.getName()));
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] compile(String className, String source) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + className));
        Files.writeString(src.resolve(className + ".java"), source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(InputStream.nullInputStream(), System.out, System.err, "--release", "21", "-d", src.toString(),
                src.resolve(className + ".java").toString());
        assertThat(rc).as("javac of " + className).isZero();
        return Files.readAllBytes(src.resolve(className + ".class"));
    }

    private static String sign(byte[] jar, KeyPair keys) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(jar);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
