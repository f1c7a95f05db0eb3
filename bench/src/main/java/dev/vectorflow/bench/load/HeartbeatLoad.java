package dev.vectorflow.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.bench.CommandLine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for the agent API: simulates N agents against a running server (enroll once, then heartbeats with 3
 * pipelines × 5 components of metrics at a chosen interval, logs now and then) and prints sustained heartbeats/s,
 * p50/p99/max latency, errors, the server's write queue and the database growth per hour. For scale it measures the bare
 * {@code GET /api/health} rate on the same machine and connections before the run (after 10 s of the same to warm the
 * server's JIT: a server just started answered it at a third of its warm rate) and again after it.
 *
 * <p>With {@code --deploy-at-s S} it also measures how long a deploy takes to reach the fleet: S seconds into the measured
 * period it deploys a new pipeline (demo_logs → blackhole, created and published during the warm-up) to the agents'
 * environment and reports when 50 %, 99 % and 100 % of the agents had been served the new desired state (see
 * {@link DeployWatch}); a served agent reports the pipeline RUNNING from its next heartbeat on, as a real one would once
 * Vector runs it (without fetching the config). The pipeline is deleted at the end.
 *
 * <p>Needs a platform admin API token ({@code --admin-token}) to set up a team, an environment, three deployed
 * pipelines and a multi-use enrollment token. Start the server with {@code VF_ENROLL_RATE_LIMIT=100000}.
 */
public final class HeartbeatLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How far behind its schedule the generator may fall before the schedule moves on. */
    private static final long MAX_LAG_NANOS = 250_000_000L;

    record Options(URI url, String adminToken, int agents, Duration interval, Duration duration, Duration warmup, int connections,
                   int logsEvery, Path state, boolean skipBare, long deployAtSeconds) {

        static Options parse(String[] args) {
            Map<String, String> values = CommandLine.parse(args, java.util.Set.of("skip-bare"));
            String token = values.getOrDefault("admin-token", System.getenv().getOrDefault("VF_BENCH_ADMIN_TOKEN", ""));
            if (token.isBlank()) {
                throw new IllegalArgumentException("--admin-token (a platform admin API token, or VF_BENCH_ADMIN_TOKEN) is required");
            }
            Duration duration = Duration.ofSeconds(Long.parseLong(values.getOrDefault("duration-s", "300")));
            long deployAt = Long.parseLong(values.getOrDefault("deploy-at-s", "-1"));
            if (values.containsKey("deploy-at-s") && (deployAt < 0 || deployAt >= duration.toSeconds())) {
                throw new IllegalArgumentException("--deploy-at-s must be from 0 to less than --duration-s (" + duration.toSeconds() + ")");
            }
            return new Options(URI.create(values.getOrDefault("url", "http://127.0.0.1:8080")), token,
                    Integer.parseInt(values.getOrDefault("agents", "75000")),
                    Duration.ofMillis(Long.parseLong(values.getOrDefault("interval-ms", "15000"))),
                    duration,
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup-s", "30"))),
                    Integer.parseInt(values.getOrDefault("connections", "64")),
                    Integer.parseInt(values.getOrDefault("logs-every", "20")),
                    Path.of(values.getOrDefault("state", "bench/target/agents.txt")),
                    values.containsKey("skip-bare"), deployAt);
        }
    }

    private final Options options;
    private final HttpClient http;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** With {@code --deploy-at-s}: what the deploy reached; else null. */
    private DeployWatch watch;

    HeartbeatLoad(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(2)).build();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: bench/heartbeats --admin-token vf_api_... [--url http://127.0.0.1:8080] [--agents 75000]"
                    + " [--interval-ms 15000] [--duration-s 300] [--warmup-s 30] [--connections 64] [--logs-every 20] [--skip-bare]"
                    + " [--deploy-at-s S]");
            System.exit(2);
            return;
        }
        new HeartbeatLoad(options).run();
        System.exit(0);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(options.url().resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private JsonNode admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path).header("Authorization", "Bearer " + options.adminToken());
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = http.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body().isBlank() ? JSON.nullNode() : JSON.readTree(answer.body());
    }

    /** An enrolled simulated agent and its cumulative counters. */
    static final class Agent {
        final String token;
        long events;
        long beats;
        /** The checksum of the deploy-watch pipeline once this agent was served it (it reports it RUNNING), else null. */
        String deployed;
        /** After a 503 or 429 with {@code Retry-After}: no heartbeat before this {@link System#nanoTime()}, else 0. */
        long notBefore;

        Agent(String token) {
            this.token = token;
        }
    }

    /** {@code environment}: null in a state file written before it was kept (it is looked up then). */
    record Fleet(List<Agent> agents, String environment, List<String> pipelineIds, Map<String, String> checksums) {
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "target: %s, %d agents every %d ms (%.0f heartbeats/s), %d s after %d s warm-up, %d connections%n",
                options.url(), options.agents(), options.interval().toMillis(), options.agents() * 1000.0 / options.interval().toMillis(),
                options.duration().toSeconds(), options.warmup().toSeconds(), options.connections());
        if (!options.skipBare()) {
            bare(null);
            bare("before the run");
        }
        Fleet fleet = prepare();
        if (options.deployAtSeconds() >= 0) {
            watch = new DeployWatch(fleet.agents().size());
        }
        load(fleet);
    }

    /** The bare-endpoint figure: GET /api/health as fast as the connections go, for 10 s; not printed when {@code when} is null (warm-up). */
    private void bare(String when) throws InterruptedException {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            threads.add(Thread.ofPlatform().daemon(true).start(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(options.url())) {
                    while (System.nanoTime() < end) {
                        try {
                            connection.get("/api/health");
                            done.increment();
                        } catch (IOException e) {
                            return;
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (when != null) {
            System.out.printf(Locale.ROOT, "bare endpoint (GET /api/health, same generator and connections) %s: %.0f requests/s%n", when,
                    done.sum() / 10.0);
        }
    }

    /** Reuses the agents enrolled by an earlier run against the same server (enrolling 75,000 takes minutes). */
    private Fleet reuse() throws IOException {
        if (!Files.isRegularFile(options.state())) {
            return null;
        }
        JsonNode state = JSON.readTree(options.state().toFile());
        if (!options.url().toString().equals(state.path("url").asText()) || state.path("tokens").size() < options.agents()) {
            return null;
        }
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < options.agents(); i++) {
            agents.add(new Agent(state.get("tokens").get(i).asText()));
        }
        List<String> pipelines = new ArrayList<>();
        state.get("pipelines").forEach(p -> pipelines.add(p.asText()));
        Map<String, String> checksums = new HashMap<>();
        state.get("checksums").properties().forEach(e -> checksums.put(e.getKey(), e.getValue().asText()));
        if (state.hasNonNull("pipelinesStartedAt")) {
            pipelinesStartedAt = state.get("pipelinesStartedAt").asLong();
        }
        System.out.printf(Locale.ROOT, "reusing %d agents enrolled earlier (%s)%n", agents.size(), options.state());
        return new Fleet(agents, state.hasNonNull("environment") ? state.get("environment").asText() : null, pipelines, checksums);
    }

    private Fleet prepare() throws Exception {
        Fleet earlier = reuse();
        if (earlier != null) {
            return earlier;
        }
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String team = admin("POST", "/api/teams", "{\"name\":\"bench-" + suffix + "\"}").get("id").asText();
        String env = admin("POST", "/api/teams/" + team + "/environments", "{\"name\":\"bench-" + suffix + "\"}").get("id").asText();
        List<String> pipelines = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String graph = """
                    {"components":[
                      {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json"}},
                      {"key":"parse","kind":"transform","type":"remap","options":{"source":". = parse_json!(string!(.message))"}},
                      {"key":"keep","kind":"transform","type":"filter","options":{"condition":"exists(.status)"}},
                      {"key":"tag","kind":"transform","type":"remap","options":{"source":".bench = true"}},
                      {"key":"out","kind":"sink","type":"blackhole","options":{}}],
                     "edges":[{"from":"demo","to":"parse"},{"from":"parse","to":"keep"},{"from":"keep","to":"tag"},{"from":"tag","to":"out"}]}""";
            String id = admin("POST", "/api/environments/" + env + "/pipelines", "{\"name\":\"load-" + p + "\",\"graph\":" + graph + "}")
                    .get("id").asText();
            admin("POST", "/api/pipelines/" + id + "/versions", "{\"message\":\"bench\"}");
            admin("POST", "/api/pipelines/" + id + "/deployments", "{}");
            pipelines.add(id);
        }
        // a use of an enrollment token is taken under its row lock until the commit (which waits for the WAL to reach the
        // disk), so the agents of one token enrol one after the other: one token per AGENTS_PER_TOKEN agents, taken in turn
        // (an enrollment token takes at most 100,000 uses in any case)
        int tokens = (options.agents() + AGENTS_PER_TOKEN - 1) / AGENTS_PER_TOKEN;
        List<String> enrollments = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            int uses = options.agents() / tokens + (t < options.agents() % tokens ? 1 : 0);
            enrollments.add(admin("POST", "/api/environments/" + env + "/enrollment-tokens", "{\"name\":\"bench-" + t
                    + "\",\"maxUses\":" + uses + "}").get("token").asText());
        }
        long started = System.nanoTime();
        ConcurrentLinkedQueue<Agent> enrolled = new ConcurrentLinkedQueue<>();
        Semaphore slots = new Semaphore(32);
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < options.agents(); i++) {
            slots.acquire();
            String body = "{\"token\":\"" + enrollments.get(i % tokens) + "\",\"hostname\":\"bench-" + i + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\"}";
            http.sendAsync(request("/api/agent/enroll").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        try {
                            if (e == null && r.statusCode() == 200) {
                                enrolled.add(new Agent(JSON.readTree(r.body()).get("nodeToken").asText()));
                            } else if (failures.incrementAndGet() <= 3) {
                                System.err.println("enroll failed: " + (e != null ? e : r.statusCode() + " " + r.body()));
                            }
                        } catch (IOException io) {
                            failures.incrementAndGet();
                        } finally {
                            slots.release();
                        }
                    });
        }
        slots.acquire(32);
        System.out.printf(Locale.ROOT, "enrolled %d agents in %.1f s (%d failed)%n", enrolled.size(),
                (System.nanoTime() - started) / 1e9, failures.get());
        if (enrolled.size() < options.agents()) {
            throw new IllegalStateException("only " + enrolled.size() + " of " + options.agents()
                    + " agents enrolled; the figures would be for a smaller fleet (see the failures above)");
        }
        List<Agent> agents = new ArrayList<>(enrolled);
        Files.createDirectories(options.state().toAbsolutePath().getParent());
        // the checksums every agent must report to be in sync (else each heartbeat would carry deploy actions)
        Map<String, String> checksums = new HashMap<>();
        HttpResponse<String> first = http.send(request("/api/agent/heartbeat").header("Authorization", "Bearer " + agents.getFirst().token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode action : JSON.readTree(first.body()).get("pendingActions")) {
            checksums.put(action.get("pipelineId").asText(), action.get("checksum").asText());
        }
        var state = JSON.createObjectNode().put("url", options.url().toString()).put("environment", env)
                .put("pipelinesStartedAt", pipelinesStartedAt);
        state.set("pipelines", JSON.valueToTree(pipelines));
        state.set("checksums", JSON.valueToTree(checksums));
        state.set("tokens", JSON.valueToTree(agents.stream().map(a -> a.token).toList()));
        JSON.writeValue(options.state().toFile(), state);
        return new Fleet(agents, env, pipelines, checksums);
    }

    /**
     * When the simulated pipelines started (epoch seconds): kept in the state file, so that a later run on the same
     * agents reports the same runs, as real agents do when only the server was restarted.
     */
    private volatile long pipelinesStartedAt = System.currentTimeMillis() / 1000;

    /** Writes the agent's next heartbeat into {@code body} (emptied first). */
    private void heartbeat(Agent agent, Fleet fleet, KeepAliveConnection.Ascii body) {
        agent.beats++;
        agent.events += 150;
        long e = agent.events;
        long beats = agent.beats;
        // the CPU counters are seconds as JSON numbers with a fraction, as an agent sends them
        body.reset().append("{\"agentVersion\":\"1.0.0\",\"vectorVersion\":\"vector 0.57.0 (x86_64-unknown-linux-gnu)\",\"deploymentMode\":\"STANDALONE\",")
                .append("\"labels\":{\"bench\":\"yes\"},\"hostMetrics\":{\"cpuSecondsTotal\":").append(beats * 30).append(".0")
                .append(",\"cpuSecondsIdle\":").append(beats * 27).append(".0,\"loadAvg1\":0.4,\"loadAvg5\":0.3,\"loadAvg15\":0.2,")
                .append("\"memoryTotalBytes\":8589934592,\"memoryUsedBytes\":4294967296,\"memoryFreeBytes\":4294967296,")
                .append("\"fsTotalBytes\":107374182400,\"fsUsedBytes\":53687091200,\"fsFreeBytes\":53687091200,\"diskReadBytes\":")
                .append(beats * 4096).append(",\"diskWrittenBytes\":").append(beats * 8192).append(",\"netRxBytes\":")
                .append(beats * 65536).append(",\"netTxBytes\":").append(beats * 32768).append("},\"pipelines\":[");
        long uptime = System.currentTimeMillis() / 1000 - pipelinesStartedAt;
        for (int p = 0; p < fleet.pipelineIds().size(); p++) {
            String id = fleet.pipelineIds().get(p);
            pipeline(p == 0 ? body : body.append(','), id, 1, fleet.checksums().getOrDefault(id, ""), 1000 + p, uptime, LOAD_COMPONENTS,
                    LOAD_KINDS, e);
        }
        if (agent.deployed != null) {
            pipeline(body.append(','), watch.pipelineId(), watch.version(), agent.deployed, 1100, uptime, PROBE_COMPONENTS, PROBE_KINDS, e);
        }
        body.append(']');
        // each agent on its own phase: with one phase for all, every agent sent its log lines within the same poll interval
        // (the agents start together), a burst of 100,000 × 5 lines in 15 s every logs-every heartbeats that no real fleet sends
        if (options.logsEvery() > 0 && (agent.beats + Math.floorMod(agent.token.hashCode(), options.logsEvery())) % options.logsEvery() == 0) {
            body.append(",\"logs\":[{\"pipelineId\":\"").append(fleet.pipelineIds().getFirst()).append("\",\"lines\":[");
            for (int l = 0; l < 5; l++) {
                body.append(l == 0 ? "" : ",").append("\"2026-11-27T12:00:0").append(l).append("Z INFO vector: bench line ").append(l).append('"');
            }
            body.append("]}]");
        }
        body.append('}');
    }

    /** The most uses one enrollment token takes (the API's cap). */
    private static final int AGENTS_PER_TOKEN = 5_000;
    private static final String[] LOAD_COMPONENTS = {"demo", "parse", "keep", "tag", "out"};
    private static final String[] LOAD_KINDS = {"source", "transform", "transform", "transform", "sink"};
    private static final String[] PROBE_COMPONENTS = {"demo", "out"};
    private static final String[] PROBE_KINDS = {"source", "sink"};
    private static final String PROBE_GRAPH = """
            {"components":[
              {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json"}},
              {"key":"out","kind":"sink","type":"blackhole","options":{}}],
             "edges":[{"from":"demo","to":"out"}]}""";

    /** One pipeline's report in a heartbeat: RUNNING, with {@code e} events through each of its components. */
    private static void pipeline(KeepAliveConnection.Ascii body, String id, int version, String checksum, int pid, long uptime,
                                 String[] components, String[] kinds, long e) {
        body.append("{\"pipelineId\":\"").append(id).append("\",\"version\":").append(version).append(",\"configChecksum\":\"")
                .append(checksum).append("\",\"status\":\"RUNNING\",\"pid\":").append(pid)
                .append(",\"uptimeSeconds\":").append(uptime).append(",\"eventsIn\":").append(e).append(",\"eventsOut\":")
                .append(e).append(",\"bytesIn\":").append(e * 200).append(",\"bytesOut\":").append(e * 200)
                .append(",\"errorsTotal\":0,\"eventsDiscarded\":0,\"componentMetrics\":[");
        for (int c = 0; c < components.length; c++) {
            (c == 0 ? body : body.append(',')).append("{\"componentId\":\"").append(components[c]).append("\",\"componentKind\":\"")
                    .append(kinds[c]).append("\",\"receivedEvents\":").append(e).append(",\"sentEvents\":").append(e)
                    .append(",\"receivedBytes\":").append(e * 200).append(",\"sentBytes\":").append(e * 200)
                    .append(",\"errorsTotal\":0,\"discardedEvents\":0}");
        }
        body.append("]}");
    }

    /**
     * Creates and publishes the deploy-watch pipeline now, then deploys it at {@code at} ({@code System.nanoTime()}) to every
     * node of the fleet's environment.
     */
    private Thread deployer(Fleet fleet, long at) {
        return Thread.ofVirtual().start(() -> {
            try {
                String env = fleet.environment() != null ? fleet.environment()
                        : admin("GET", "/api/pipelines/" + fleet.pipelineIds().getFirst(), null).get("environmentId").asText();
                String id = admin("POST", "/api/environments/" + env + "/pipelines", "{\"name\":\"deploy-watch-"
                        + Long.toString(System.currentTimeMillis(), 36) + "\",\"graph\":" + PROBE_GRAPH + "}").get("id").asText();
                watch.prepared(id, admin("POST", "/api/pipelines/" + id + "/versions", "{\"message\":\"bench deploy watch\"}").get("number").asInt());
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                watch.requested(System.nanoTime());
                admin("POST", "/api/pipelines/" + id + "/deployments", "{}");
                watch.answered(System.nanoTime());
            } catch (IOException | RuntimeException e) {
                watch.failed(e.getMessage());
            } catch (InterruptedException e) {
                watch.failed("interrupted");
            }
        });
    }

    private void load(Fleet fleet) throws Exception {
        List<Agent> agents = fleet.agents();
        long periodNanos = options.interval().toNanos() / Math.max(1, agents.size());
        long start = System.nanoTime() + 100_000_000L;
        long measureFrom = start + options.warmup().toNanos();
        long end = measureFrom + options.duration().toNanos();
        long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8,
                (options.duration().toNanos() / Math.max(1, periodNanos)) * 11 / 10 + 1000)];
        AtomicLong recorded = new AtomicLong();
        AtomicLong slot = new AtomicLong();
        AtomicLong slip = new AtomicLong();
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder busy = new LongAdder();
        LongAdder limited = new LongAdder();
        LongAdder behind = new LongAdder();
        LongAdder deferred = new LongAdder();
        Map<Integer, LongAdder> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        long[] size = {-1, 0};
        AtomicLong firstMeasured = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastAnswered = new AtomicLong();
        java.util.concurrent.ConcurrentLinkedQueue<Long> window = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Thread reporter = Thread.ofPlatform().daemon(true).start(() -> report(ok, errors, window));
        Thread deployer = watch == null ? null : deployer(fleet, measureFrom + Duration.ofSeconds(options.deployAtSeconds()).toNanos());
        List<Thread> connections = new ArrayList<>();
        // the last answer each connection had (kept per connection: one shared maximum was contended on every answer)
        long[] lastAnsweredBy = new long[options.connections()];
        for (int c = 0; c < options.connections(); c++) {
            int connectionIndex = c;
            // platform threads, one per connection: a virtual thread blocked on a socket costs a poller registration
            // and a hand-over to its scheduler per read, CPU the server under test would not get
            connections.add(Thread.ofPlatform().daemon(true).start(() -> {
                java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream(1024);
                KeepAliveConnection.Ascii body = new KeepAliveConnection.Ascii(4096);
                try (KeepAliveConnection connection = new KeepAliveConnection(options.url())) {
                    while (true) {
                        long k = slot.getAndIncrement();
                        long slipped = slip.get();
                        long due = start + slipped + k * periodNanos;
                        if (due >= end) {
                            return;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        } else if (wait < -MAX_LAG_NANOS) {
                            // behind the schedule: like real agents, whose next heartbeat is an interval after the last
                            // one, the schedule moves on instead of catching up in a burst (which would measure a
                            // saturated server, not the asked-for rate); the achieved rate shows the slip
                            slip.accumulateAndGet(slipped - wait, Math::max);
                            if (due >= measureFrom) {
                                behind.increment();
                            }
                        }
                        int index = (int) (k % agents.size());
                        Agent agent = agents.get(index);
                        boolean measured = due >= measureFrom;
                        boolean waiting;
                        synchronized (agent) {
                            waiting = agent.notBefore != 0 && System.nanoTime() < agent.notBefore;
                        }
                        if (waiting) {
                            // as the agent does: after a refusal with Retry-After r it calls again no sooner than a random
                            // time between r and 2r (docs/agent-protocol.md); its slots until then stay empty
                            if (measured) {
                                deferred.increment();
                            }
                            continue;
                        }
                        boolean watching = watch != null && watch.watching(index);
                        synchronized (agent) {
                            heartbeat(agent, fleet, body);
                        }
                        if (measured && size[0] < 0) {
                            synchronized (size) {
                                if (size[0] < 0) {
                                    size[1] = System.nanoTime();
                                    size[0] = stat("databaseBytes");
                                }
                            }
                        }
                        long sent = System.nanoTime();
                        int status;
                        try {
                            status = watching ? connection.post("/api/agent/heartbeat", agent.token, body, answer)
                                    : connection.post("/api/agent/heartbeat", agent.token, body);
                        } catch (IOException e) {
                            status = -1;
                        }
                        long answered = System.nanoTime();
                        long took = answered - sent;
                        if ((status == 503 || status == 429) && connection.retryAfterSeconds() > 0) {
                            long r = connection.retryAfterSeconds() * 1_000_000_000L;
                            synchronized (agent) {
                                agent.notBefore = answered + r + (long) (java.util.concurrent.ThreadLocalRandom.current().nextDouble() * r);
                            }
                        }
                        if (watching && status == 200) {
                            String checksum = watch.check(index, answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1), answered);
                            if (checksum != null) {
                                synchronized (agent) {
                                    agent.deployed = checksum;
                                }
                            }
                        }
                        if (!measured) {
                            continue;
                        }
                        if (sent < firstMeasured.get()) {
                            firstMeasured.accumulateAndGet(sent, Math::min);
                        }
                        lastAnsweredBy[connectionIndex] = answered;
                        if (status == 200) {
                            ok.increment();
                            long at = recorded.getAndIncrement();
                            if (at < latencies.length) {
                                latencies[(int) at] = took;
                            }
                            window.add(took);
                        } else {
                            statuses.computeIfAbsent(status, x -> new LongAdder()).increment();
                            errors.increment();
                            if (status == 503) {
                                busy.increment();
                            } else if (status == 429) {
                                limited.increment();
                            }
                        }
                    }
                }
            }));
        }
        for (Thread t : connections) {
            t.join();
        }
        for (long answered : lastAnsweredBy) {
            lastAnswered.accumulateAndGet(answered, Math::max);
        }
        if (deployer != null) {
            deployer.join();
        }
        long elapsed = Math.max(1, lastAnswered.get() - firstMeasured.get());
        long sizeAfter = stat("databaseBytes");
        reporter.interrupt();
        int n = (int) Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.println();
        System.out.printf(Locale.ROOT, "sustained: %.0f heartbeats/s answered 200 over %.0f s (%d agents, interval %d ms; the schedule asked for"
                + " %.0f/s over %d s)%n", ok.sum() / (elapsed / 1e9), elapsed / 1e9, agents.size(), options.interval().toMillis(),
                agents.size() * 1000.0 / options.interval().toMillis(), options.duration().toSeconds());
        if (n > 0) {
            System.out.printf(Locale.ROOT, "latency: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", sorted[n / 2] / 1e6,
                    sorted[(int) Math.min(n - 1, (long) n * 99 / 100)] / 1e6, sorted[(int) Math.min(n - 1, (long) n * 999 / 1000)] / 1e6,
                    sorted[n - 1] / 1e6);
        }
        statuses.put(200, ok);
        System.out.printf(Locale.ROOT, "errors: %d (503 busy %d, 429 limited %d); statuses %s; heartbeats over %d ms behind the schedule: %d"
                + " (the schedule slipped %.1f s in all)%n", errors.sum(), busy.sum(), limited.sum(), statuses, MAX_LAG_NANOS / 1_000_000,
                behind.sum(), slip.get() / 1e9);
        System.out.printf(Locale.ROOT, "slots left empty by agents waiting out a Retry-After: %d%n", deferred.sum());
        System.out.printf(Locale.ROOT, "server write queue at the end: %d; heartbeats lost by the writer: %d%n", stat("telemetryQueued"),
                stat("heartbeatsLost"));
        if (size[0] >= 0) {
            double hours = (System.nanoTime() - size[1]) / 3.6e12;
            System.out.printf(Locale.ROOT, "database growth: %.1f MB over the run, %.0f MB per hour at this rate%n",
                    (sizeAfter - size[0]) / 1e6, (sizeAfter - size[0]) / 1e6 / hours);
        }
        if (!options.skipBare()) {
            bare("after the run");
        }
        if (watch != null) {
            System.out.println(watch.summary(options.deployAtSeconds()));
            if (watch.pipelineId() != null) {
                try {
                    admin("DELETE", "/api/pipelines/" + watch.pipelineId(), null);
                } catch (IOException | RuntimeException e) {
                    System.err.println("could not delete the deploy-watch pipeline " + watch.pipelineId() + ": " + e.getMessage());
                }
            }
        }
    }

    private long stat(String name) {
        try {
            return admin("GET", "/api/system/stats", null).get(name).asLong();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return -1;
        }
    }

    /** Every 10 s: the rate, errors, p99 and max of the heartbeats answered in that window, and the server's write queue. */
    private void report(LongAdder ok, LongAdder errors, java.util.concurrent.ConcurrentLinkedQueue<Long> window) {
        long lastOk = 0;
        long lastErrors = 0;
        try {
            while (true) {
                Thread.sleep(10_000);
                long o = ok.sum();
                long e = errors.sum();
                long[] took = new long[window.size()];
                int k = 0;
                for (Long t = window.poll(); t != null && k < took.length; t = window.poll()) {
                    took[k++] = t;
                }
                Arrays.sort(took, 0, k);
                System.out.printf(Locale.ROOT, "  %tT last 10 s: %.0f ok/s, %d errors, p99 %.1f ms, max %.1f ms, write queue %d%s%n",
                        System.currentTimeMillis(), (o - lastOk) / 10.0, e - lastErrors, k == 0 ? 0 : took[(int) ((long) k * 99 / 100)] / 1e6,
                        k == 0 ? 0 : took[k - 1] / 1e6, stat("telemetryQueued"),
                        watch != null && watch.requested() ? ", deploy served " + watch.served() + "/" + watch.agents() : "");
                lastOk = o;
                lastErrors = e;
            }
        } catch (InterruptedException done) {
            // finished
        }
    }
}
