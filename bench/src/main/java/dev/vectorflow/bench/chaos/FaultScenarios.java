package dev.vectorflow.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.bench.CommandLine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault scenarios on a {@link ChaosCluster}: three servers on one PostgreSQL with real agents spread over them.
 * Each scenario prints what it checked and its figures into a {@link ScenarioReport}. The short version runs in CI
 * ({@code FaultScenariosTest}); {@code bench/run chaos} runs the long one. See docs/faults.md.
 */
public final class FaultScenarios implements AutoCloseable {

    /** How large and long the scenarios are. */
    public record Options(int servers, int agents, Duration outage, int herdAgents, Duration herdBackoffCap, Duration herdInterval,
                          Duration settle) {

        /** The CI version: a few minutes in all on a small machine. */
        public static Options shortVersion() {
            return new Options(3, 3, Duration.ofSeconds(8), 1000, Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(90));
        }

        static Options parse(Map<String, String> values) {
            Options d = new Options(3, 6, Duration.ofMinutes(3), 10_000, Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(300));
            return new Options(Integer.parseInt(values.getOrDefault("servers", String.valueOf(d.servers()))),
                    Integer.parseInt(values.getOrDefault("agents", String.valueOf(d.agents()))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("outage-s", String.valueOf(d.outage().toSeconds())))),
                    Integer.parseInt(values.getOrDefault("herd", String.valueOf(d.herdAgents()))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("herd-backoff-cap-s", String.valueOf(d.herdBackoffCap().toSeconds())))),
                    d.herdInterval(), d.settle());
        }
    }

    private static final String GRAPH = """
            {"components":[
              {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json","interval":1}},
              {"key":"tag","kind":"transform","type":"remap","options":{"source":".chaos = %d"}},
              {"key":"out","kind":"sink","type":"blackhole","options":{}}],
             "edges":[{"from":"demo","to":"tag"},{"from":"tag","to":"out"}]}""";

    private final Options options;
    private final PrintStream out;
    private final ChaosCluster cluster;
    private final AdminApi admin;
    private final String environment;
    private final String pipeline;
    private final String enrollment;
    private final AtomicInteger graphs = new AtomicInteger(1);

    private FaultScenarios(Options options, PrintStream out, ChaosCluster cluster) throws Exception {
        this.options = options;
        this.out = out;
        this.cluster = cluster;
        this.admin = AdminApi.signIn(cluster.urls().getFirst(), ChaosCluster.ADMIN_EMAIL, ChaosCluster.ADMIN_PASSWORD);
        String team = admin.must("POST", "/api/teams", "{\"name\":\"chaos\"}").get("id").asText();
        this.environment = admin.must("POST", "/api/teams/" + team + "/environments", "{\"name\":\"chaos\"}").get("id").asText();
        this.pipeline = admin.must("POST", "/api/environments/" + environment + "/pipelines",
                "{\"name\":\"chaos\",\"graph\":" + GRAPH.formatted(0) + "}").get("id").asText();
        admin.must("POST", "/api/pipelines/" + pipeline + "/versions", "{\"message\":\"chaos 1\"}");
        admin.must("POST", "/api/pipelines/" + pipeline + "/deployments", "{}");
        this.enrollment = admin.must("POST", "/api/environments/" + environment + "/enrollment-tokens",
                "{\"name\":\"chaos\",\"maxUses\":100000}").get("token").asText();
    }

    /** Starts the cluster and the agents and waits until every agent runs version 1. */
    public static FaultScenarios start(Options options, Path work, Path root, String classpath, PrintStream out) throws Exception {
        long started = System.nanoTime();
        ChaosCluster cluster = ChaosCluster.start(work, root, classpath, options.servers(), Map.of());
        try {
            FaultScenarios scenarios = new FaultScenarios(options, out, cluster);
            cluster.startAgents(options.agents(), scenarios.enrollment);
            double running = ChaosCluster.await(options.settle(), () -> scenarios.nodesRunning(1) == options.agents());
            if (running < 0) {
                throw new IllegalStateException("the agents did not all run version 1 within " + options.settle() + ":\n"
                        + cluster.agents().getFirst().output());
            }
            out.printf(Locale.ROOT, "cluster: %d servers %s on one PostgreSQL, %d agents running version 1 (%.1f s to start)%n",
                    options.servers(), cluster.urls(), options.agents(), (System.nanoTime() - started) / 1e9);
            return scenarios;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The nodes of the chaos environment that report the pipeline at {@code version} RUNNING. */
    private int nodesRunning(int version) {
        try {
            return Integer.parseInt(cluster.value("select count(*) from node_pipeline_states s join nodes n on n.id = s.node_id"
                    + " where n.environment_id = '" + environment + "' and s.pipeline_id = '" + pipeline + "' and s.version = " + version
                    + " and s.status = 'RUNNING'"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real agents' nodes with a heartbeat stored after {@code since}. */
    private int nodesHeardSince(Instant since) {
        try {
            return Integer.parseInt(cluster.value("select count(*) from nodes where environment_id = '" + environment
                    + "' and hostname not like 'herd-%' and last_heartbeat_at > '" + since + "'"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChaosCluster.Server serverWithPort(String holder) {
        return cluster.servers().stream().filter(s -> holder.contains(":" + s.port + "/")).findFirst().orElse(null);
    }

    /**
     * Scenario 1: {@code kill -9} of the server holding the job leases while a user publishes and deploys through it:
     * every acknowledged version and deployment is stored whole, the audit chain verifies, the leases move, the agents
     * that talked to it fail over and get the last deployment.
     */
    public ScenarioReport killDuringDeployAndPublish() throws Exception {
        ScenarioReport report = new ScenarioReport("kill -9 of a server in the middle of publishing and deploying", out);
        Map<String, String> leases = cluster.leases();
        ChaosCluster.Server victim = leases.values().stream().map(this::serverWithPort).filter(s -> s != null).findFirst()
                .orElse(cluster.servers().getFirst());
        report.note("leases " + leases + "; the victim is server " + victim.index + " (" + victim.url() + ")");
        List<ChaosCluster.Server> others = cluster.servers().stream().filter(s -> s != victim).toList();

        // the writer: save, publish, deploy, through the victim until it dies, then through the next server (as a person would)
        ConcurrentLinkedQueue<Integer> acknowledgedVersions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> acknowledgedDeploys = new ConcurrentLinkedQueue<>();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        Thread writer = Thread.ofPlatform().name("chaos-writer").start(() -> {
            AdminApi through = admin.on(victim.url());
            int next = 0;
            while (!stop.get()) {
                AdminApi.Answer saved = through.put("/api/pipelines/" + pipeline + "/graph", GRAPH.formatted(graphs.incrementAndGet()));
                AdminApi.Answer published = saved.ok() ? through.post("/api/pipelines/" + pipeline + "/versions", "{\"message\":\"chaos\"}") : saved;
                if (published.ok()) {
                    int number = published.json().get("number").asInt();
                    acknowledgedVersions.add(number);
                    AdminApi.Answer deployed = through.post("/api/pipelines/" + pipeline + "/deployments", "{\"version\":" + number + "}");
                    if (deployed.ok()) {
                        acknowledgedDeploys.add(number);
                    } else if (deployed.status() < 0) {
                        unanswered.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                } else if (published.status() < 0) {
                    unanswered.incrementAndGet();
                } else if (published.status() >= 500 || published.status() == 409) {
                    refused.incrementAndGet();
                }
                rounds.incrementAndGet();
                if (!victim.alive()) {
                    through = admin.on(others.get(next++ % others.size()).url());
                }
            }
        });
        ChaosCluster.await(Duration.ofSeconds(30), () -> acknowledgedDeploys.size() >= 3);
        Instant killedAt = Instant.now();
        victim.kill9();
        report.note("killed server " + victim.index + " (pid " + victim.pid() + ") after " + acknowledgedDeploys.size() + " deploys");
        Thread.sleep(3000);
        stop.set(true);
        writer.join(30_000);
        report.figure("publish+deploy rounds", String.valueOf(rounds.get()));
        report.figure("versions acknowledged", String.valueOf(acknowledgedVersions.size()));
        report.figure("deployments acknowledged", String.valueOf(acknowledgedDeploys.size()));
        report.figure("calls cut by the kill (no answer)", String.valueOf(unanswered.get()));
        report.figure("calls refused (5xx/409) around the kill", String.valueOf(refused.get()));

        double leaseMoved = ChaosCluster.await(Duration.ofSeconds(60), () -> {
            try {
                Map<String, String> now = cluster.leases();
                return !now.isEmpty() && now.values().stream().noneMatch(h -> h.contains(":" + victim.port + "/"))
                        && now.keySet().containsAll(leases.keySet());
            } catch (SQLException e) {
                return false;
            }
        });
        report.check(leaseMoved >= 0, "every job lease the victim held moved to another server " + cluster.leases().values());
        report.seconds("lease moved after the kill", leaseMoved + 3);

        double heard = ChaosCluster.await(options.settle(), () -> nodesHeardSince(killedAt.plusSeconds(4)) == options.agents());
        report.check(heard >= 0, "every agent (those on the dead server too) heartbeats to a live server");
        report.seconds("all agents heard again after the writer stopped", heard);
        long failedOver = cluster.agents().stream().filter(a -> a.urls.getFirst().equals(victim.url()))
                .filter(a -> a.output().contains("is unavailable; the next call goes to")).count();
        long onVictim = cluster.agents().stream().filter(a -> a.urls.getFirst().equals(victim.url())).count();
        report.check(failedOver == onVictim, failedOver + " of the " + onVictim + " agents that started on the victim logged their failover");

        // the database: nothing acknowledged lost, nothing half-written
        List<List<String>> versions = cluster.rows("select number, length(graph), length(config_yaml), length(checksum), author, message"
                + " from pipeline_versions where pipeline_id = '" + pipeline + "' order by number");
        Set<Integer> stored = new LinkedHashSet<>();
        boolean whole = true;
        for (List<String> v : versions) {
            stored.add(Integer.parseInt(v.get(0)));
            whole &= Integer.parseInt(v.get(1)) > 0 && Integer.parseInt(v.get(2)) > 0 && Integer.parseInt(v.get(3)) == 64
                    && !v.get(4).isBlank() && !v.get(5).isBlank();
        }
        report.check(stored.containsAll(acknowledgedVersions), "every acknowledged version is stored (" + acknowledgedVersions.size()
                + " acknowledged, " + stored.size() + " stored)");
        report.check(whole, "every stored version is whole (graph, YAML, 64-character checksum, author, message)");
        int max = stored.stream().mapToInt(i -> i).max().orElse(0);
        report.check(stored.size() == max, "version numbers run 1.." + max + " without a gap");
        String deployed = cluster.value("select version from deployments where pipeline_id = '" + pipeline + "'");
        int last = acknowledgedDeploys.stream().mapToInt(i -> i).max().orElse(1);
        report.check(deployed != null && Integer.parseInt(deployed) >= last && stored.contains(Integer.parseInt(deployed)),
                "the deployment names a stored version at least the last acknowledged one (" + deployed + " >= " + last + ")");
        int publishAudits = Integer.parseInt(cluster.value("select count(*) from audit_log where entity_id = '" + pipeline
                + "' and action = 'pipeline.publish'"));
        int deployAudits = Integer.parseInt(cluster.value("select count(*) from audit_log where entity_id = '" + pipeline
                + "' and action = 'pipeline.deploy'"));
        report.check(publishAudits == stored.size(), "one audit entry per stored version (" + publishAudits + " pipeline.publish)");
        report.check(deployAudits >= acknowledgedDeploys.size() + 1, "an audit entry per acknowledged deployment (" + deployAudits
                + " pipeline.deploy >= " + (acknowledgedDeploys.size() + 1) + ")");
        report.check(cluster.auditVerifies(Files.createTempFile("audit-verify", ".log")), "vectorflow audit verify: the hash chain is whole");

        int target = Integer.parseInt(deployed);
        double served = ChaosCluster.await(options.settle(), () -> nodesRunning(target) == options.agents());
        report.check(served >= 0, "every agent runs the last deployed version " + target);
        report.seconds("last version running on every agent", served);

        Instant restart = Instant.now();
        victim.start();
        report.seconds("killed server back (same port) and ready", (Duration.between(restart, Instant.now()).toMillis()) / 1000.0);
        return report;
    }

    /**
     * Scenario 2: PostgreSQL stopped under the running servers: every server answers 503 on {@code /api/ready}
     * meanwhile and recovers by itself; no server process restarts; every agent is heard again.
     */
    public ScenarioReport restartDatabase() throws Exception {
        ScenarioReport report = new ScenarioReport("PostgreSQL restarted under the running servers", out);
        Map<Integer, Long> pids = new HashMap<>();
        cluster.servers().forEach(s -> pids.put(s.index, s.pid()));
        // heartbeats of a real node (its token from the first agent's data directory) to every server, all through the outage
        String token = Files.readString(cluster.agents().getFirst().dataDir.resolve("node-token")).strip();
        Map<Integer, Integer> beats = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicLong slowestBeat = new java.util.concurrent.atomic.AtomicLong();
        AtomicBoolean databaseBack = new AtomicBoolean();
        long stopped = System.nanoTime();
        cluster.stopDatabase();
        AtomicInteger answered = new AtomicInteger();
        List<Thread> probers = new ArrayList<>();
        for (String url : cluster.urls()) {
            probers.add(Thread.ofPlatform().name("chaos-outage-heartbeats").start(() -> {
                while (!databaseBack.get()) {
                    long sent = System.nanoTime();
                    int status = SimulatedAgents.heartbeatStatus(url, token);
                    if (!databaseBack.get()) {
                        beats.merge(status, 1, Integer::sum);
                        slowestBeat.accumulateAndGet(System.nanoTime() - sent, Math::max);
                        answered.incrementAndGet();
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        double notReady = ChaosCluster.await(Duration.ofSeconds(60), () -> cluster.servers().stream().allMatch(s -> s.readyStatus() == 503));
        report.check(notReady >= 0, "every server answers 503 on /api/ready while the database is down");
        report.seconds("until all servers said 503", notReady);
        long asked = System.nanoTime();
        ChaosCluster.Ready down = cluster.servers().getFirst().ready();
        report.figure("one /api/ready answer while the database is down", String.format(Locale.ROOT, "%d in %.1f s: %s", down.statusCode(),
                (System.nanoTime() - asked) / 1e9, down.body()));
        Thread.sleep(Math.max(0, options.outage().toMillis() - (System.nanoTime() - stopped) / 1_000_000));
        // at least one heartbeat per server has its outcome before the database comes back (each may wait 10 s)
        ChaosCluster.await(Duration.ofSeconds(60), () -> answered.get() >= cluster.servers().size());
        databaseBack.set(true);
        report.figure("heartbeats during the outage by status (-1: no answer within 10 s)", beats.toString());
        report.figure("slowest heartbeat answer during the outage", String.format(Locale.ROOT, "%.1f s", slowestBeat.get() / 1e9));
        report.check(!beats.isEmpty() && !beats.containsKey(200),
                "no heartbeat was acknowledged while the database was down (so none is lost: the agent keeps it and sends it again)");
        Instant back = Instant.now();
        cluster.startDatabase();
        for (Thread prober : probers) {
            prober.join(30_000);
        }
        double ready = ChaosCluster.await(Duration.ofSeconds(120), () -> cluster.servers().stream().allMatch(s -> s.readyStatus() == 200));
        report.check(ready >= 0, "every server is ready again by itself");
        report.seconds("database down for", (System.nanoTime() - stopped) / 1e9 - ready);
        report.seconds("servers ready after the database came back", ready);
        report.check(cluster.servers().stream().allMatch(s -> s.alive() && s.pid() == pids.get(s.index)), "no server process restarted");
        double heard = ChaosCluster.await(options.settle(), () -> nodesHeardSince(back.plusSeconds(1)) == options.agents());
        report.check(heard >= 0, "every agent is heard again");
        report.seconds("all agents heard after the database came back", heard);
        return report;
    }

    /**
     * Scenario 3: every server stopped ({@code kill -9}) for the outage: agents and their pipelines keep running (the
     * same Vector processes), and every agent catches up once servers are back.
     */
    public ScenarioReport everyServerDown() throws Exception {
        ScenarioReport report = new ScenarioReport("every server down for " + options.outage().toSeconds() + " s", out);
        Map<Integer, List<Long>> vectors = new HashMap<>();
        for (ChaosCluster.Agent a : cluster.agents()) {
            vectors.put(a.index, a.vectorPids());
        }
        for (ChaosCluster.Server s : cluster.servers()) {
            s.kill9();
        }
        Thread.sleep(options.outage().toMillis());
        boolean agentsUp = cluster.agents().stream().allMatch(ChaosCluster.Agent::alive);
        boolean pipelinesUp = vectors.values().stream().flatMap(List::stream)
                .allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        report.check(agentsUp, "every agent process is still running after the outage");
        report.check(pipelinesUp && vectors.values().stream().noneMatch(List::isEmpty),
                "every pipeline's Vector process is still running (" + vectors.values().stream().mapToInt(List::size).sum() + " processes)");
        Instant back = Instant.now();
        for (ChaosCluster.Server s : cluster.servers()) {
            s.launch();
        }
        for (ChaosCluster.Server s : cluster.servers()) {
            s.awaitReady(Duration.ofSeconds(180));
        }
        report.seconds("servers back and ready", Duration.between(back, Instant.now()).toMillis() / 1000.0);
        Instant ready = Instant.now();
        double heard = ChaosCluster.await(options.settle(), () -> nodesHeardSince(ready) == options.agents());
        report.check(heard >= 0, "every agent reports again");
        report.seconds("all agents heard after the servers were ready", heard);
        Map<Integer, List<Long>> after = new HashMap<>();
        for (ChaosCluster.Agent a : cluster.agents()) {
            after.put(a.index, a.vectorPids());
        }
        report.check(after.equals(vectors), "the same Vector processes run as before the outage (nothing restarted)");
        return report;
    }

    /**
     * Scenario 4: a thundering herd. {@code herdAgents} simulated agents (the agent's own retry rules: full-jitter
     * backoff, {@code Retry-After}, the next server after a failure) call while every server is down, then all servers
     * come back: every agent is back within a bounded time and no server falls over.
     */
    public ScenarioReport thunderingHerd() throws Exception {
        ScenarioReport report = new ScenarioReport(options.herdAgents() + " simulated agents back at once after an outage", out);
        SimulatedAgents herd = SimulatedAgents.enroll(cluster.urls(), enrollment, options.herdAgents(), options.herdBackoffCap(),
                options.herdInterval());
        report.seconds("enrolled " + herd.size() + " simulated agents in", herd.enrollSeconds());
        for (ChaosCluster.Server s : cluster.servers()) {
            s.kill9();
        }
        herd.start();
        Thread.sleep(Math.min(options.outage().toMillis(), 10_000));
        Instant back = Instant.now();
        for (ChaosCluster.Server s : cluster.servers()) {
            s.launch();
        }
        for (ChaosCluster.Server s : cluster.servers()) {
            s.awaitReady(Duration.ofSeconds(180));
        }
        double readyAfter = Duration.between(back, Instant.now()).toMillis() / 1000.0;
        report.seconds("servers ready after their start", readyAfter);
        long bound = options.herdBackoffCap().multipliedBy(3).toSeconds() + 30;
        Instant ready = Instant.now();
        double all = ChaosCluster.await(Duration.ofSeconds(bound), () -> herd.back() == herd.size());
        herd.stop();
        report.check(all >= 0, "every simulated agent got an answer within " + bound + " s of the servers being ready ("
                + herd.back() + " of " + herd.size() + ")");
        report.seconds("all back after the servers were ready", all);
        report.figure("time to back p50 / p99 / max", herd.percentiles(ready));
        report.figure("answers 200 / 503 / 429 / other / no answer", herd.counts());
        report.figure("largest Retry-After seen", herd.maxRetryAfter() + " s");
        report.check(cluster.servers().stream().allMatch(ChaosCluster.Server::alive), "no server fell over");
        report.check(cluster.servers().stream().allMatch(s -> s.readyStatus() == 200), "every server is ready after the herd");
        Instant since = Instant.now();
        double heard = ChaosCluster.await(options.settle(), () -> nodesHeardSince(since) == options.agents());
        report.check(heard >= 0, "the real agents are served too");
        return report;
    }

    /**
     * Scenario 5: the data directory fills up. A size-limited mount needs root, so the disk is real but the limit is
     * simulated: one server starts with {@code VF_DATA_DIR_MIN_FREE_MB} just under the free space, then a ballast file in
     * its data directory takes the space below it: the server says so on {@code /api/ready} and in its log, the others
     * stay ready, and it is ready again by itself once the ballast is gone.
     */
    public ScenarioReport dataDirectoryFull() throws Exception {
        ScenarioReport report = new ScenarioReport("the data directory fills up (a ballast file on the real disk)", out);
        ChaosCluster.Server server = cluster.servers().getLast();
        long mb = 1024 * 1024;
        long freeMb = Files.getFileStore(server.dataDir).getUsableSpace() / mb;
        if (!report.check(freeMb > 2048, "at least 2 GB free on the data directory's disk to fill (" + freeMb + " MB)")) {
            return report;
        }
        server.stop();
        server.settings.put("VF_DATA_DIR_MIN_FREE_MB", String.valueOf(freeMb - 300));
        server.start();
        report.check(server.readyStatus() == 200, "server " + server.index + " is ready with a minimum of " + (freeMb - 300) + " MB free");
        Path ballast = server.dataDir.resolve("ballast.bin");
        long started = System.nanoTime();
        try (var channel = java.nio.channels.FileChannel.open(ballast, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate((int) (8 * mb));
            for (int i = 0; i < 75; i++) {
                chunk.clear();
                channel.write(chunk);
            }
            channel.force(true);
        }
        report.figure("ballast written", String.format(Locale.ROOT, "600 MB in %.1f s", (System.nanoTime() - started) / 1e9));
        ChaosCluster.Ready[] seen = new ChaosCluster.Ready[1];
        double full = ChaosCluster.await(Duration.ofSeconds(30), () -> {
            seen[0] = server.ready();
            return seen[0].statusCode() == 503;
        });
        report.check(full >= 0 && seen[0].body().contains("dataDirectory") && seen[0].body().contains("DOWN"),
                "/api/ready answers 503 and names the data directory: " + (seen[0] == null ? "" : seen[0].body()));
        report.seconds("until /api/ready said so", full);
        report.check(server.output().contains("the data directory cannot take writes"), "the server's log says so");
        report.check(cluster.servers().stream().filter(s -> s != server).allMatch(s -> s.readyStatus() == 200),
                "the other servers stay ready");
        Files.delete(ballast);
        double back = ChaosCluster.await(Duration.ofSeconds(30), () -> server.readyStatus() == 200);
        report.check(back >= 0, "ready again by itself once the space is back");
        report.seconds("ready again after the ballast was deleted", back);
        report.check(server.output().contains("the data directory takes writes again"), "the server's log says it recovered");
        server.stop();
        server.settings.remove("VF_DATA_DIR_MIN_FREE_MB");
        server.start();
        return report;
    }

    public List<ScenarioReport> runAll() throws Exception {
        List<ScenarioReport> reports = new ArrayList<>();
        reports.add(killDuringDeployAndPublish());
        reports.add(restartDatabase());
        reports.add(everyServerDown());
        reports.add(thunderingHerd());
        reports.add(dataDirectoryFull());
        return reports;
    }

    @Override
    public void close() {
        cluster.close();
    }

    /**
     * {@code bench/run chaos [--servers 3] [--agents 6] [--outage-s 180] [--herd 10000] [--herd-backoff-cap-s 60] [--work DIR]}:
     * the long version; exit 1 when a check failed.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> values = CommandLine.parse(args, Set.of());
        Options options = Options.parse(values);
        Path work = Path.of(values.getOrDefault("work", "bench/target/chaos-" + System.currentTimeMillis()));
        Path root = Path.of(System.getProperty("vf.root", ".")).toAbsolutePath().normalize();
        out(options, work, root);
    }

    private static void out(Options options, Path work, Path root) throws Exception {
        System.out.println("fault harness: " + options + ", work " + work.toAbsolutePath());
        boolean passed;
        try (FaultScenarios scenarios = start(options, work, root, System.getProperty("java.class.path"), System.out)) {
            List<ScenarioReport> reports = scenarios.runAll();
            System.out.println();
            reports.forEach(System.out::println);
            passed = reports.stream().allMatch(ScenarioReport::passed);
        }
        System.exit(passed ? 0 : 1);
    }
}
