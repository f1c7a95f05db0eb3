package dev.vectorflow.bench.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Three (or N) real server processes (the shipped {@code vectorflow-server.jar}, each its own JVM) on one embedded
 * PostgreSQL (a process of its own, {@link PostgresProcess}) on a fixed loopback port, and real agent processes (the shipped agent jar with the Vector stand-in) that know every
 * server. Servers keep their port across restarts, so the agents' address lists stay true; the database keeps its port
 * and data directory across a restart.
 */
public final class ChaosCluster implements AutoCloseable {

    static final String MASTER_KEY = "5".repeat(64);
    static final String ADMIN_EMAIL = "chaos@example.com";
    static final String ADMIN_PASSWORD = "chaos-harness-Pa55word";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work;
    private final Path root;
    private final String classpath;
    private final Path pgData;
    private final int pgPort;
    private final Map<String, String> extraSettings;
    private volatile Process postgres;
    private final List<Server> servers = new ArrayList<>();
    private final List<Agent> agents = new ArrayList<>();

    /** One server process; its port stays the same across restarts. */
    public final class Server {
        final int index;
        final int port;
        final Path dataDir;
        final Path log;
        /** Settings of this server only, on top of the cluster's (kept across restarts until changed). */
        final Map<String, String> settings = new java.util.concurrent.ConcurrentHashMap<>();
        volatile Process process;

        Server(int index, int port) throws IOException {
            this.index = index;
            this.port = port;
            this.dataDir = Files.createDirectories(work.resolve("server-" + index));
            this.log = work.resolve("server-" + index + ".log");
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        void launch() throws IOException {
            Map<String, String> env = serverEnvironment(dataDir);
            env.put("VF_HTTP_PORT", String.valueOf(port));
            env.putAll(settings);
            process = ChaosCluster.this.launch(log, env, "server");
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        /** {@code kill -9}: no shutdown hook, no lease released, connections cut mid-request. */
        public void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM and wait for the exit. */
        public void stop() throws InterruptedException {
            if (alive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        public void start() throws Exception {
            launch();
            awaitReady(Duration.ofSeconds(120));
        }

        void awaitReady(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!alive()) {
                    throw new IllegalStateException("server " + index + " exited with " + process.exitValue() + ":\n" + tail(log));
                }
                if (readyStatus() == 200) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("server " + index + " not ready after " + timeout + ":\n" + tail(log));
        }

        /** The status of {@code GET /api/ready}, or -1 when nothing answers. */
        public int readyStatus() {
            return ready().statusCode();
        }

        /**
         * {@code GET /api/ready}: status and body (-1 and the failure when nothing answers within 10 s). With the database
         * down the server answers within about a second (its readiness check has a pool and waits of its own).
         */
        Ready ready() {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/ready")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Ready(r.statusCode(), r.body());
            } catch (IOException e) {
                return new Ready(-1, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Ready(-1, "interrupted");
            }
        }

        String output() {
            return tail(log);
        }
    }

    /** An answer of {@code /api/ready}. */
    record Ready(int statusCode, String body) {
    }

    /** One real agent process. */
    public final class Agent {
        final int index;
        final Path dataDir;
        final Path log;
        final List<String> urls;
        volatile Process process;

        Agent(int index, List<String> urls) throws IOException {
            this.index = index;
            this.urls = List.copyOf(urls);
            this.dataDir = Files.createDirectories(work.resolve("agent-" + index));
            this.log = work.resolve("agent-" + index + ".log");
        }

        void launch(String enrollmentToken) throws IOException {
            Path jar = root.resolve("agent-runtime/target/vectorflow-agent.jar");
            Path standin = root.resolve("vector-standin/bin/vector");
            if (!Files.isRegularFile(jar) || !Files.isExecutable(standin)) {
                throw new IllegalStateException(jar + " or " + standin + " is missing: build with ./mvnw -pl agent-runtime,vector-standin -am package");
            }
            ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("VF_"));
            env.put("VF_URL", String.join(",", urls));
            if (enrollmentToken != null) {
                env.put("VF_TOKEN", enrollmentToken);
            }
            env.put("VF_DATA_DIR", dataDir.toString());
            env.put("VF_VECTOR_BIN", standin.toString());
            env.put("VF_POLL_INTERVAL", "1s");
            env.put("VF_NODE_LABELS", "chaos=yes,agent=a" + index);
            // its own ports, as on its own host: agents sharing a range can hand one free port to two Vectors at once
            env.put("VF_PORT_RANGE", (18600 + 40 * index) + "-" + (18600 + 40 * index + 39));
            process = builder.start();
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }

        public String output() {
            return tail(log);
        }

        /** The pids of the Vector stand-ins this agent runs, from the pid files it keeps. */
        public List<Long> vectorPids() throws IOException {
            Path pipelines = dataDir.resolve("pipelines");
            if (!Files.isDirectory(pipelines)) {
                return List.of();
            }
            try (var dirs = Files.list(pipelines)) {
                List<Long> pids = new ArrayList<>();
                for (Path dir : dirs.toList()) {
                    Path pid = dir.resolve("vector.pid");
                    if (Files.isRegularFile(pid)) {
                        pids.add(Long.parseLong(Files.readString(pid).strip()));
                    }
                }
                return pids;
            }
        }

        void stop() throws InterruptedException {
            if (alive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private ChaosCluster(Path work, Path root, String classpath, Map<String, String> extraSettings) throws IOException {
        this.work = Files.createDirectories(work.toAbsolutePath().normalize()); // the servers run in it: relative paths would move
        this.root = root;
        this.classpath = classpath;
        this.pgData = work.resolve("postgres");
        this.pgPort = nextFreePort(true);
        this.extraSettings = Map.copyOf(extraSettings);
    }

    /**
     * Starts the database and {@code servers} servers (the first one applies the schema and gets the platform admin) in
     * {@code work}; {@code root} is the repository (for the server and agent jars and the stand-in), {@code classpath}
     * one that holds {@link PostgresProcess}.
     */
    public static ChaosCluster start(Path work, Path root, String classpath, int servers, Map<String, String> extraSettings) throws Exception {
        ChaosCluster cluster = new ChaosCluster(work, root, classpath, extraSettings);
        try {
            cluster.startDatabase();
            for (int i = 0; i < servers; i++) {
                cluster.servers.add(cluster.new Server(i, freePort()));
            }
            cluster.servers.getFirst().start();
            cluster.createAdmin();
            for (Server s : cluster.servers.subList(1, servers)) {
                s.launch();
            }
            for (Server s : cluster.servers.subList(1, servers)) {
                s.awaitReady(Duration.ofSeconds(120));
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    public List<Server> servers() {
        return servers;
    }

    public List<Agent> agents() {
        return agents;
    }

    public List<String> urls() {
        return servers.stream().map(Server::url).toList();
    }

    /**
     * Starts {@code count} agents; agent i lists the servers starting with server i mod N (so they spread over the
     * servers), then the others in order.
     */
    public List<Agent> startAgents(int count, String enrollmentToken) throws IOException {
        List<Agent> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> urls = new ArrayList<>();
            for (int k = 0; k < servers.size(); k++) {
                urls.add(servers.get((agents.size() + k) % servers.size()).url());
            }
            Agent agent = new Agent(agents.size(), urls);
            agent.launch(enrollmentToken);
            agents.add(agent);
            started.add(agent);
        }
        return started;
    }

    /** Starts PostgreSQL (its own process, {@link PostgresProcess}) on the cluster's port and data directory; waits until it answers. */
    public void startDatabase() throws Exception {
        String withoutServerJar = java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("vectorflow-server.jar")).collect(Collectors.joining(java.io.File.pathSeparator));
        Path log = work.resolve("postgres.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-Xmx64m", "-cp", withoutServerJar, PostgresProcess.class.getName(),
                pgData.toString(), String.valueOf(pgPort))).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        postgres = builder.start();
        double up = await(Duration.ofSeconds(120), () -> {
            if (!postgres.isAlive()) {
                throw new Gone("PostgreSQL exited:\n" + tail(log));
            }
            try {
                return value("select 1").equals("1");
            } catch (SQLException e) {
                return false;
            }
        });
        if (up < 0) {
            throw new IllegalStateException("PostgreSQL did not start:\n" + tail(log));
        }
    }

    /** Stops PostgreSQL (SIGTERM: a fast shutdown, every connection cut) and waits until it is gone. */
    public void stopDatabase() {
        Process running = postgres;
        postgres = null;
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                if (!running.waitFor(60, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code kill -9} of PostgreSQL itself: SIGKILL to the postmaster and every process it started at once (then to the
     * JVM that launched it, so no shutdown hook runs), no shutdown and no checkpoint, so the next start runs crash
     * recovery from the write-ahead log. Waits until every one of them is gone; the pid of the postmaster killed.
     */
    public long killDatabase() throws IOException, InterruptedException {
        Process running = postgres;
        postgres = null;
        long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().strip());
        List<ProcessHandle> killed = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(pm -> {
            killed.add(pm);
            killed.addAll(pm.descendants().toList());
        });
        killed.forEach(ProcessHandle::destroyForcibly);
        if (running != null) {
            running.destroyForcibly();
            running.waitFor(30, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (killed.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (killed.stream().anyMatch(ProcessHandle::isAlive)) {
            throw new IllegalStateException("PostgreSQL processes survived SIGKILL: " + killed.stream().filter(ProcessHandle::isAlive).toList());
        }
        return postmaster;
    }

    /**
     * The cluster state PostgreSQL last wrote into {@code global/pg_control} (its {@code DBState}, a little-endian int
     * after the 8-byte system identifier and two 4-byte version numbers): 1 after a clean shutdown, 6 while in
     * production. A cluster left in production was not shut down, so its next start runs crash recovery.
     */
    int controlState() throws IOException {
        byte[] control = Files.readAllBytes(pgData.resolve("global/pg_control"));
        return java.nio.ByteBuffer.wrap(control, 16, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** The PostgreSQL log so far (the embedded server's output, through the process that launched it). */
    String databaseLog() {
        try {
            return Files.readString(work.resolve("postgres.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Opens a transaction that holds {@code lock table <table> in <mode> mode} until the returned connection is closed
     * (rolled back): the servers' writes to that table wait meanwhile, reads go on.
     */
    public Connection holdLock(String table, String mode) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", null);
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("lock table " + table + " in " + mode + " mode");
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/vectorflow";
    }

    Map<String, String> serverEnvironment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("VF_HTTP_HOST", "127.0.0.1");
        env.put("VF_DATA_DIR", dataDir.toString());
        env.put("VF_DATABASE_URL", jdbcUrl());
        env.put("VF_DATABASE_USER", "postgres");
        env.put("VF_DATABASE_POOL_SIZE", "4");
        env.put("VF_MASTER_KEY", MASTER_KEY);
        env.put("VF_JOB_LEASE_SECONDS", "3");
        env.put("VF_POLL_INTERVAL_MS", "1000");
        env.put("VF_SHUTDOWN_GRACE_SECONDS", "2");
        env.put("VF_ENROLL_RATE_LIMIT", "100000");
        env.put("VF_AGENT_RATE_LIMIT", "100000");
        env.putAll(extraSettings);
        return env;
    }

    private void createAdmin() throws Exception {
        Map<String, String> env = serverEnvironment(work.resolve("admin"));
        env.put("VF_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Path log = work.resolve("admin.log");
        Process p = launch(log, env, "admin", "create", "--email", ADMIN_EMAIL, "--name", "Chaos");
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("admin create failed:\n" + tail(log));
        }
    }

    /** Runs {@code vectorflow audit verify} against the database; true when the chain verifies. Its output goes to {@code log}. */
    public boolean auditVerifies(Path log) throws Exception {
        Process p = launch(log, serverEnvironment(work.resolve("admin")), "audit", "verify");
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Runs the shipped server jar as {@code ./vectorflow} does: {@code java -jar app-server/target/vectorflow-server.jar <args>}. */
    private Process launch(Path log, Map<String, String> env, String... args) throws IOException {
        Path jar = root.resolve("app-server/target/vectorflow-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./vectorflow build");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("VF_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Rows of a query, each as its columns' text (the database must be up). */
    public List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<String>> out = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The first column of the first row. */
    public String value(String sql) throws SQLException {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.getFirst().getFirst();
    }

    /** The job leases: name to holder ({@code host:port/suffix}). */
    public Map<String, String> leases() throws SQLException {
        return rows("select name, holder from job_leases where expires_at > clock_timestamp()").stream()
                .collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));
    }

    /** Waits until {@code done} or the timeout; the seconds it took, or -1. */
    public static double await(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ok;
            try {
                ok = done.getAsBoolean();
            } catch (Gone e) {
                throw e;
            } catch (RuntimeException e) {
                ok = false;
            }
            if (ok) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** A process the harness waits for has exited: waiting longer is pointless. */
    static final class Gone extends RuntimeException {
        Gone(String message) {
            super(message);
        }
    }

    /** The next port to try for servers (and for PostgreSQL) when runs by hand keep to a range; 0: any free port. */
    private static int nextServerPort;
    private static int nextDatabasePort;

    /** Runs by hand on a shared machine: servers take free ports from {@code serverPorts} up, PostgreSQL from {@code databasePort} up. */
    static synchronized void usePorts(int serverPorts, int databasePort) {
        nextServerPort = serverPorts;
        nextDatabasePort = databasePort;
    }

    static int freePort() throws IOException {
        return nextFreePort(false);
    }

    private static synchronized int nextFreePort(boolean database) throws IOException {
        int from = database ? nextDatabasePort : nextServerPort;
        if (from == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
        for (int port = from; port < from + 100; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                if (database) {
                    nextDatabasePort = port + 1;
                } else {
                    nextServerPort = port + 1;
                }
                return port;
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new IOException("no free port from " + from + " to " + (from + 99));
    }

    static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 6000 ? "…" + text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        List<Long> vectors = new ArrayList<>();
        for (Agent a : agents) {
            try {
                vectors.addAll(a.vectorPids());
            } catch (IOException | RuntimeException e) {
                // no pid files: nothing to stop
            }
        }
        for (Agent a : agents) {
            try {
                a.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Server s : servers) {
            try {
                s.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the agents leave their pipelines running when they stop (that is the point); the harness ends them
        vectors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        stopDatabase();
    }
}
