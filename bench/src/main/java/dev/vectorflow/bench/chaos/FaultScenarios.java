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

    /** Each server's heartbeat write queue in the harness (the smallest allowed), so that scenario 6 can fill it. */
    static final int WRITE_QUEUE = 1000;

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
        ChaosCluster cluster = ChaosCluster.start(work, root, classpath, options.servers(), Map.of("VF_TELEMETRY_QUEUE", String.valueOf(WRITE_QUEUE)));
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
                    + "' and hostname not like 'herd-%' and hostname not like '" + HARNESS_NODE + "%' and last_heartbeat_at > '" + since + "'"));
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
        AtomicInteger next = new AtomicInteger();
        PublishLoop writer = new PublishLoop(admin.on(victim.url()), current -> victim.alive() ? current
                : admin.on(others.get(next.getAndIncrement() % others.size()).url()));
        ChaosCluster.await(Duration.ofSeconds(30), () -> writer.acknowledgedDeploys.size() >= 3);
        Instant killedAt = Instant.now();
        victim.kill9();
        report.note("killed server " + victim.index + " (pid " + victim.pid() + ") after " + writer.acknowledgedDeploys.size() + " deploys");
        Thread.sleep(3000);
        writer.stop();
        writer.figures(report, "around the kill");

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

        String deployed = nothingAcknowledgedLost(report, writer);
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
     * A person saving, publishing and deploying in a loop through one server ({@code next} picks the server for the
     * next round from the current one), keeping what was acknowledged.
     */
    private final class PublishLoop {
        final ConcurrentLinkedQueue<Integer> acknowledgedVersions = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Integer> acknowledgedDeploys = new ConcurrentLinkedQueue<>();
        final AtomicInteger unanswered = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger rounds = new AtomicInteger();
        /** The pipeline's {@code pipeline.deploy} audit entries before the loop started. */
        final int deployAuditsBefore;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        PublishLoop(AdminApi first, java.util.function.UnaryOperator<AdminApi> next) throws SQLException {
            deployAuditsBefore = Integer.parseInt(cluster.value("select count(*) from audit_log where entity_id = '" + pipeline
                    + "' and action = 'pipeline.deploy'"));
            thread = Thread.ofPlatform().name("chaos-writer").start(() -> {
                AdminApi through = first;
                while (!stop.get()) {
                    round(through);
                    through = next.apply(through);
                }
            });
        }

        private void round(AdminApi through) {
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
                pause();
            }
            rounds.incrementAndGet();
        }

        /** A refused round is tried again a moment later, not in a tight loop. */
        private void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                stop.set(true);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }

        void figures(ScenarioReport report, String when) {
            report.figure("publish+deploy rounds", String.valueOf(rounds.get()));
            report.figure("versions acknowledged", String.valueOf(acknowledgedVersions.size()));
            report.figure("deployments acknowledged", String.valueOf(acknowledgedDeploys.size()));
            report.figure("calls cut (no answer) " + when, String.valueOf(unanswered.get()));
            report.figure("calls refused (5xx/409) " + when, String.valueOf(refused.get()));
        }
    }

    /**
     * The database after a fault: every version {@code writer} got acknowledged is stored and whole, numbers run without a
     * gap, the deployment names at least the last acknowledged version, the audit entries match and the chain verifies.
     * Returns the deployed version.
     */
    private String nothingAcknowledgedLost(ScenarioReport report, PublishLoop writer) throws Exception {
        List<List<String>> versions = cluster.rows("select number, length(graph), length(config_yaml), length(checksum), author, message"
                + " from pipeline_versions where pipeline_id = '" + pipeline + "' order by number");
        Set<Integer> stored = new LinkedHashSet<>();
        boolean whole = true;
        for (List<String> v : versions) {
            stored.add(Integer.parseInt(v.get(0)));
            whole &= Integer.parseInt(v.get(1)) > 0 && Integer.parseInt(v.get(2)) > 0 && Integer.parseInt(v.get(3)) == 64
                    && !v.get(4).isBlank() && !v.get(5).isBlank();
        }
        report.check(stored.containsAll(writer.acknowledgedVersions), "every acknowledged version is stored ("
                + writer.acknowledgedVersions.size() + " acknowledged, " + stored.size() + " stored)");
        report.check(whole, "every stored version is whole (graph, YAML, 64-character checksum, author, message)");
        int max = stored.stream().mapToInt(i -> i).max().orElse(0);
        report.check(stored.size() == max, "version numbers run 1.." + max + " without a gap");
        String deployed = cluster.value("select version from deployments where pipeline_id = '" + pipeline + "'");
        int last = writer.acknowledgedDeploys.stream().mapToInt(i -> i).max().orElse(1);
        report.check(deployed != null && Integer.parseInt(deployed) >= last && stored.contains(Integer.parseInt(deployed)),
                "the deployment names a stored version at least the last acknowledged one (" + deployed + " >= " + last + ")");
        int publishAudits = Integer.parseInt(cluster.value("select count(*) from audit_log where entity_id = '" + pipeline
                + "' and action = 'pipeline.publish'"));
        int deployAudits = Integer.parseInt(cluster.value("select count(*) from audit_log where entity_id = '" + pipeline
                + "' and action = 'pipeline.deploy'"));
        report.check(publishAudits == stored.size(), "one audit entry per stored version (" + publishAudits + " pipeline.publish)");
        report.check(deployAudits >= writer.deployAuditsBefore + writer.acknowledgedDeploys.size(), "an audit entry per acknowledged deployment ("
                + deployAudits + " pipeline.deploy >= " + (writer.deployAuditsBefore + writer.acknowledgedDeploys.size()) + ")");
        report.check(cluster.auditVerifies(Files.createTempFile("audit-verify", ".log")), "vectorflow audit verify: the hash chain is whole");
        return deployed;
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
        ConcurrentLinkedQueue<long[]> beats = new ConcurrentLinkedQueue<>(); // {server, sent (ms after the stop), took (ms), status, Retry-After}
        AtomicBoolean databaseBack = new AtomicBoolean();
        Instant stoppedAt = Instant.now();
        long stopped = System.nanoTime();
        cluster.stopDatabase();
        List<Thread> probers = new ArrayList<>();
        for (ChaosCluster.Server server : cluster.servers()) {
            probers.add(Thread.ofPlatform().name("chaos-outage-heartbeats").start(() -> {
                while (!databaseBack.get()) {
                    long sent = System.nanoTime();
                    SimulatedAgents.Beat beat = SimulatedAgents.beat(server.url(), token);
                    if (!databaseBack.get()) {
                        beats.add(new long[] {server.index, (sent - stopped) / 1_000_000, (System.nanoTime() - sent) / 1_000_000, beat.statusCode(),
                                beat.retryAfterSeconds()});
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
        readyAnswersFast(report);
        Thread.sleep(Math.max(0, options.outage().toMillis() - (System.nanoTime() - stopped) / 1_000_000));
        // at least one heartbeat per server has its outcome before the database comes back (each may wait 10 s)
        ChaosCluster.await(Duration.ofSeconds(60), () -> beats.size() >= cluster.servers().size());
        databaseBack.set(true);
        Instant backAt = Instant.now();
        outageHeartbeats(report, List.copyOf(beats));
        agentsHonourRetryAfter(report, stoppedAt, backAt);
        Instant back = Instant.now();
        cluster.startDatabase();
        for (Thread prober : probers) {
            prober.join(30_000);
        }
        double ready = ChaosCluster.await(Duration.ofSeconds(120), () -> cluster.servers().stream().allMatch(s -> s.readyStatus() == 200));
        report.check(ready >= 0, "every server is ready again by itself");
        report.seconds("database down for", (System.nanoTime() - stopped) / 1e9 - ready);
        report.seconds("servers ready after the database came back", ready);
        servingAgain(report, ready);
        report.check(cluster.servers().stream().allMatch(s -> s.alive() && s.pid() == pids.get(s.index)), "no server process restarted");
        everyAgentHeardWithinBound(report, back.plusSeconds(1), "the servers were ready");
        return report;
    }

    /**
     * Scenario 4: every server stopped ({@code kill -9}) for the outage: agents and their pipelines keep running (the
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
        everyAgentHeardWithinBound(report, Instant.now(), "the servers were ready");
        Map<Integer, List<Long>> after = new HashMap<>();
        for (ChaosCluster.Agent a : cluster.agents()) {
            after.put(a.index, a.vectorPids());
        }
        report.check(after.equals(vectors), "the same Vector processes run as before the outage (nothing restarted)");
        return report;
    }

    /**
     * Scenario 5: a thundering herd. {@code herdAgents} simulated agents (the agent's own retry rules: full-jitter
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
     * Scenario 7: the data directory fills up. A size-limited mount needs root, so the disk is real but the limit is
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

    /**
     * After the database came back and {@code /api/ready} said 200 ({@code readyAfter} s after): every server also serves
     * a request that needs the database ({@code GET /api/system/stats}: its main pool may still take the database for
     * unreachable until its next try), within 30 s.
     */
    private void servingAgain(ScenarioReport report, double readyAfter) throws InterruptedException {
        double serving = ChaosCluster.await(Duration.ofSeconds(30), () -> serverFigure("heartbeatsLost").values().stream().allMatch(n -> n >= 0));
        report.check(serving >= 0, "every server serves requests that need the database again (GET /api/system/stats 200) within 30 s"
                + " of /api/ready saying 200");
        report.seconds("servers serving such requests after the database came back", serving < 0 ? -1 : readyAfter + serving);
    }

    /** The hostname prefix of the nodes the harness enrolls for itself (no agent behind them; not counted as agents). */
    private static final String HARNESS_NODE = "harness-";

    /** Enrolls one node of the harness's own (no agent process behind it); its node token. */
    private String enrollOne(String hostname) {
        AdminApi.Answer enrolled = admin.post("/api/agent/enroll", "{\"token\":\"" + enrollment + "\",\"hostname\":\"" + hostname
                + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\"}");
        if (!enrolled.ok()) {
            throw new IllegalStateException("enrolling " + hostname + " failed: " + enrolled.status() + " " + enrolled.body());
        }
        return enrolled.json().get("nodeToken").asText();
    }

    /** One figure of every server's {@code /api/system/stats}, by server (-1 when a server did not answer). */
    private Map<Integer, Long> serverFigure(String name) {
        Map<Integer, Long> values = new java.util.TreeMap<>();
        for (ChaosCluster.Server s : cluster.servers()) {
            AdminApi.Answer stats = admin.on(s.url()).get("/api/system/stats");
            values.put(s.index, stats.ok() ? stats.json().get(name).asLong() : -1);
        }
        return values;
    }

    /** The stored last-seen of one of the harness's own nodes, in epoch milliseconds. */
    private double lastSeenMillis(String hostname) throws SQLException {
        return Double.parseDouble(cluster.value("select extract(epoch from last_heartbeat_at) * 1000 from nodes where environment_id = '"
                + environment + "' and hostname = '" + hostname + "'"));
    }

    /**
     * Scenario 3: {@code kill -9} of PostgreSQL itself (the postmaster and every backend at once, no shutdown, no
     * checkpoint) while a person publishes and deploys and a node of the harness heartbeats every 50 ms: every server
     * answers 503 on {@code /api/ready} within the bound meanwhile and is ready again by itself after PostgreSQL's crash
     * recovery; nothing acknowledged is lost (versions, deployments, audit entries, the chain); what a 200 to a
     * heartbeat promises is checked against what the database holds.
     */
    public ScenarioReport killDatabase() throws Exception {
        ScenarioReport report = new ScenarioReport("kill -9 of PostgreSQL under the running servers (crash recovery)", out);
        Map<Integer, Long> pids = new HashMap<>();
        cluster.servers().forEach(s -> pids.put(s.index, s.pid()));
        Map<Integer, Long> lostBefore = serverFigure("heartbeatsLost");
        String probe = enrollOne(HARNESS_NODE + "kill-probe");
        String firstServer = cluster.servers().getFirst().url();
        ConcurrentLinkedQueue<long[]> beats = new ConcurrentLinkedQueue<>(); // {sent (epoch ms), status}
        AtomicBoolean stopBeats = new AtomicBoolean();
        Thread beater = Thread.ofPlatform().name("chaos-kill-heartbeats").start(() -> {
            while (!stopBeats.get()) {
                long sent = System.currentTimeMillis();
                beats.add(new long[] {sent, SimulatedAgents.heartbeatStatus(firstServer, probe)});
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        PublishLoop writer = new PublishLoop(admin.on(firstServer), current -> current);
        ChaosCluster.await(Duration.ofSeconds(30), () -> writer.acknowledgedDeploys.size() >= 2);
        int logBefore = cluster.databaseLog().length();
        long killedAt = System.currentTimeMillis();
        long killed = System.nanoTime();
        long postmaster = cluster.killDatabase();
        report.note("SIGKILL to PostgreSQL (postmaster pid " + postmaster + " and all its processes) after "
                + writer.acknowledgedDeploys.size() + " acknowledged deploys");
        double notReady = ChaosCluster.await(Duration.ofSeconds(30), () -> cluster.servers().stream().allMatch(s -> s.readyStatus() == 503));
        report.check(notReady >= 0, "every server answers 503 on /api/ready while PostgreSQL is dead");
        report.seconds("until all servers said 503 after the kill", notReady);
        readyAnswersFast(report);
        Thread.sleep(Math.max(0, options.outage().toMillis() - (System.nanoTime() - killed) / 1_000_000));
        stopBeats.set(true);
        beater.join(30_000);
        writer.stop();
        writer.figures(report, "while PostgreSQL was dead");

        int state = cluster.controlState();
        report.check(state == 6, "the cluster was left in production (pg_control state " + state + ", 6; a clean stop writes 1),"
                + " so its next start runs crash recovery");
        long restarted = System.nanoTime();
        cluster.startDatabase();
        report.seconds("PostgreSQL up again, crash recovery included", (System.nanoTime() - restarted) / 1e9);
        String log = cluster.databaseLog().substring(logBefore);
        report.figure("PostgreSQL's log on the start after the kill", log.contains("not properly shut down")
                ? "the database system was not properly shut down; automatic recovery in progress"
                : "(PostgreSQL's own output is not in postgres.log on this classpath)");
        // the probe node's last-seen as the database holds it now: nothing has heartbeated it since the kill
        double lastSeen = lastSeenMillis(HARNESS_NODE + "kill-probe");
        List<long[]> acknowledged = beats.stream().filter(b -> b[1] == 200).toList();
        long ackedAfter = acknowledged.stream().filter(b -> b[0] >= killedAt).count();
        List<long[]> unwritten = acknowledged.stream().filter(b -> b[0] > lastSeen).toList();
        long oldest = unwritten.stream().mapToLong(b -> killedAt - b[0]).max().orElse(0);
        Map<Long, Integer> byStatus = new java.util.TreeMap<>();
        beats.forEach(b -> byStatus.merge(b[1], 1, Integer::sum));
        report.figure("probe heartbeats (every 50 ms to server 0) by status", byStatus.toString());
        report.figure("probe heartbeats acknowledged before / after the kill", (acknowledged.size() - ackedAfter) + " / " + ackedAfter);
        report.figure("the probe node's stored last-seen", String.format(Locale.ROOT, "%.0f ms before the kill", killedAt - lastSeen));
        report.figure("acknowledged probe heartbeats not in the database", unwritten.size() + (unwritten.isEmpty() ? ""
                : " (sent at most " + oldest + " ms before the kill)"));
        report.check(unwritten.stream().allMatch(b -> killedAt - b[0] <= 1000),
                "every heartbeat acknowledged more than 1 s before the kill is in the database (a 200 means queued for a write"
                        + " within the 0.2 s flush interval; one in that window may be lost with the database, and the node's next"
                        + " heartbeat states the same again: docs/agent-protocol.md)");

        double ready = ChaosCluster.await(Duration.ofSeconds(120), () -> cluster.servers().stream().allMatch(s -> s.readyStatus() == 200));
        report.check(ready >= 0, "every server is ready again by itself after the crash recovery");
        report.seconds("servers ready after PostgreSQL was up", ready);
        servingAgain(report, ready);
        report.check(cluster.servers().stream().allMatch(s -> s.alive() && s.pid() == pids.get(s.index)), "no server process restarted");
        report.figure("heartbeats dropped by the servers' writers (failed flushes) before / after", lostBefore + " / "
                + serverFigure("heartbeatsLost"));
        nothingAcknowledgedLost(report, writer);
        Instant back = Instant.now();
        boolean answered = SimulatedAgents.heartbeatStatus(firstServer, probe) == 200;
        double stored = ChaosCluster.await(Duration.ofSeconds(30), () -> {
            try {
                return lastSeenMillis(HARNESS_NODE + "kill-probe") >= back.toEpochMilli() - 1000;
            } catch (SQLException e) {
                return false;
            }
        });
        report.check(answered && stored >= 0, "the probe node's next heartbeat is acknowledged and stored");
        everyAgentHeardWithinBound(report, back, "the servers were ready");
        return report;
    }

    /**
     * Scenario 6: the servers' heartbeat writes held up (the harness holds {@code lock table nodes in share mode}, which
     * the writers' last-seen updates wait for; reads go on) while heartbeats keep coming: each server's bounded write
     * queue ({@value #WRITE_QUEUE} in the harness) fills and it answers 503 with {@code Retry-After}; once the lock is
     * gone every server accepts heartbeats again, the real agents are heard again and no writer dropped a heartbeat.
     */
    public ScenarioReport writeQueueFull() throws Exception {
        ScenarioReport report = new ScenarioReport("the heartbeat write queues fill (writes held up by a lock on nodes)", out);
        Map<Integer, Long> lostBefore = serverFigure("heartbeatsLost");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < cluster.servers().size() * 2; i++) {
            tokens.add(enrollOne(HARNESS_NODE + "flood-" + i));
        }
        Map<Integer, AtomicInteger> busy = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong maxRetryAfter = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong minRetryAfter = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        AtomicInteger without = new AtomicInteger();
        cluster.servers().forEach(s -> {
            busy.put(s.index, new AtomicInteger());
            acknowledged.put(s.index, new AtomicInteger());
        });
        AtomicBoolean stop = new AtomicBoolean();
        double full;
        long held = System.nanoTime();
        try (java.sql.Connection lock = cluster.holdLock("nodes", "share")) {
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                ChaosCluster.Server server = cluster.servers().get(i % cluster.servers().size());
                String token = tokens.get(i);
                flood.add(Thread.ofPlatform().name("chaos-flood").start(() -> {
                    while (!stop.get()) {
                        SimulatedAgents.Beat beat = SimulatedAgents.beat(server.url(), token);
                        if (beat.statusCode() == 200) {
                            acknowledged.get(server.index).incrementAndGet();
                        } else if (beat.statusCode() == 503) {
                            busy.get(server.index).incrementAndGet();
                            if (beat.retryAfterSeconds() > 0) {
                                maxRetryAfter.accumulateAndGet(beat.retryAfterSeconds(), Math::max);
                                minRetryAfter.accumulateAndGet(beat.retryAfterSeconds(), Math::min);
                            } else {
                                without.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            full = ChaosCluster.await(Duration.ofSeconds(60), () -> busy.values().stream().allMatch(n -> n.get() > 0));
            Thread.sleep(3000); // the real agents (1 s poll) meet the full queues too
            stop.set(true);
            for (Thread t : flood) {
                t.join(30_000);
            }
            lock.rollback();
        }
        Instant released = Instant.now();
        report.seconds("until every server answered 503 after the lock was taken", full);
        report.figure("heartbeats held for", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - held) / 1e9));
        report.figure("flood heartbeats acknowledged (queued) per server", acknowledged.toString());
        report.figure("503 + Retry-After answered per server", busy.toString());
        report.figure("Retry-After seen", minRetryAfter.get() == Long.MAX_VALUE ? "none" : minRetryAfter.get() + "-" + maxRetryAfter.get() + " s");
        report.check(full >= 0, "every server's queue filled and it answered 503");
        report.check(without.get() == 0 && maxRetryAfter.get() > 0, "every 503 carried Retry-After (" + without.get() + " without)");

        double accepted = ChaosCluster.await(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < tokens.size(); i++) {
                if (SimulatedAgents.heartbeatStatus(cluster.servers().get(i % cluster.servers().size()).url(), tokens.get(i)) != 200) {
                    return false;
                }
            }
            return true;
        });
        report.check(accepted >= 0, "every server accepts heartbeats again once the writes flow");
        report.seconds("heartbeats accepted again after the lock was released", accepted);
        double drained = ChaosCluster.await(Duration.ofSeconds(60), () -> serverFigure("telemetryQueued").values().stream().allMatch(n -> n == 0));
        report.seconds("write queues drained after the release", drained);
        Map<Integer, Long> lostAfter = serverFigure("heartbeatsLost");
        report.check(drained >= 0 && lostAfter.equals(lostBefore), "every write queue drained and no writer dropped a heartbeat ("
                + lostBefore + " -> " + lostAfter + " lost)");
        double heard = ChaosCluster.await(options.settle(), () -> nodesHeardSince(released) == options.agents());
        report.check(heard >= 0, "every real agent is heard again (they honour Retry-After, then come back)");
        report.seconds("all real agents heard after the release", heard);
        return report;
    }

    /** The real agent's backoff cap (AgentMain: full jitter from 1 s doubling to 60 s); it also bounds its waits after a 503. */
    static final Duration AGENT_BACKOFF_CAP = Duration.ofSeconds(60);

    /** How soon after the servers are ready every real agent must be heard: its longest wait plus 30 s. */
    static final Duration HEARD_BOUND = AGENT_BACKOFF_CAP.plusSeconds(30);

    /** How soon a heartbeat must be answered once its server has answered one 503 (it knows the database is down). */
    static final double OUTAGE_ANSWER_BOUND_SECONDS = 1.0;

    /** The shortest outage in which an agent is answered 503 twice in a row (the first after the pool's 5 s, then r to 2r). */
    static final Duration RETRY_AFTER_OBSERVABLE = Duration.ofSeconds(30);

    /** Every real agent heard (a heartbeat stored after {@code since}) within {@link #HEARD_BOUND} of now, when {@code now} is. */
    private void everyAgentHeardWithinBound(ScenarioReport report, Instant since, String now) throws InterruptedException {
        double heard = ChaosCluster.await(options.settle(), () -> nodesHeardSince(since) == options.agents());
        report.check(heard >= 0 && heard <= HEARD_BOUND.toSeconds(), "every agent is heard again within " + HEARD_BOUND.toSeconds()
                + " s of the moment " + now + " (the agents' " + AGENT_BACKOFF_CAP.toSeconds() + " s backoff cap + 30 s)");
        report.seconds("all agents heard after " + now, heard);
    }

    /**
     * The harness's heartbeats during a database outage ({server, sent ms after the stop, took ms, status, Retry-After}):
     * none acknowledged, every one answered 503 with Retry-After, and once a server has answered one 503 (the first may
     * wait for the pool's connection timeout: the server learns of the outage then), every later one within the bound.
     */
    private void outageHeartbeats(ScenarioReport report, List<long[]> beats) {
        Map<Long, Integer> byStatus = new java.util.TreeMap<>();
        beats.forEach(b -> byStatus.merge(b[3], 1, Integer::sum));
        Map<Long, Long> knownAt = new HashMap<>(); // server -> when its first 503 came (ms after the stop)
        beats.stream().filter(b -> b[3] == 503).forEach(b -> knownAt.merge(b[0], b[1] + b[2], Math::min));
        List<long[]> first = beats.stream().filter(b -> b[1] < knownAt.getOrDefault(b[0], Long.MAX_VALUE)).toList();
        List<long[]> later = beats.stream().filter(b -> b[1] >= knownAt.getOrDefault(b[0], Long.MAX_VALUE)).toList();
        long slow = later.stream().filter(b -> b[2] > OUTAGE_ANSWER_BOUND_SECONDS * 1000).count();
        long slowest = later.stream().mapToLong(b -> b[2]).max().orElse(-1);
        long withoutRetryAfter = beats.stream().filter(b -> b[3] == 503 && b[4] <= 0).count();
        report.figure("heartbeats during the outage by status (-1: no answer within 10 s)", byStatus.toString());
        report.figure("each server's first 503, s after the stop", knownAt.values().stream().sorted()
                .map(ms -> String.format(Locale.ROOT, "%.1f", ms / 1000.0)).toList().toString());
        report.figure("slowest heartbeat answer before / after its server's first 503", String.format(Locale.ROOT, "%.1f s / %.2f s",
                first.stream().mapToLong(b -> b[2]).max().orElse(0) / 1000.0, slowest / 1000.0));
        report.figure("heartbeats after the first 503 answered later than " + OUTAGE_ANSWER_BOUND_SECONDS + " s", slow + " of " + later.size());
        report.check(!beats.isEmpty() && !byStatus.containsKey(200L),
                "no heartbeat was acknowledged while the database was down (so none is lost: the agent keeps it and sends it again)");
        report.check(!beats.isEmpty() && byStatus.keySet().equals(Set.of(503L)) && withoutRetryAfter == 0,
                "every heartbeat during the outage is answered 503 with Retry-After (" + withoutRetryAfter + " without; none unanswered)");
        report.check(knownAt.size() == cluster.servers().size() && !later.isEmpty() && slow == 0, "once a server has answered one 503,"
                + " every later heartbeat to it is answered within " + OUTAGE_ANSWER_BOUND_SECONDS + " s (the server does not wait for"
                + " a connection per request; slowest " + String.format(Locale.ROOT, "%.2f s", slowest / 1000.0) + ")");
    }

    /**
     * The real agents' logs from {@code from} to {@code to} (the database down): an agent answered 503 sends its next
     * heartbeat no sooner than the {@code Retry-After} it was given (5 s). Checked when the outage is long enough for an
     * agent to be answered 503 twice ({@link #RETRY_AFTER_OBSERVABLE}): then every agent must have been.
     */
    private void agentsHonourRetryAfter(ScenarioReport report, Instant from, Instant to) throws java.io.IOException {
        Map<Integer, Integer> refused = new java.util.TreeMap<>();
        double shortest = Double.MAX_VALUE;
        boolean everyAgentTwice = true;
        for (ChaosCluster.Agent a : cluster.agents()) {
            AgentRetries retries = AgentRetries.in(Files.readAllLines(a.log), from, to);
            refused.put(a.index, retries.refused().size());
            everyAgentTwice &= retries.refused().size() >= 2;
            if (retries.shortestGapSeconds() >= 0) {
                shortest = Math.min(shortest, retries.shortestGapSeconds());
            }
        }
        report.figure("real agents' heartbeats answered 503 during the outage, per agent", refused.toString());
        report.figure("shortest time between two of an agent's heartbeats answered 503", shortest == Double.MAX_VALUE ? "none twice"
                : String.format(Locale.ROOT, "%.1f s", shortest));
        if (options.outage().compareTo(RETRY_AFTER_OBSERVABLE) >= 0) {
            report.check(everyAgentTwice && shortest >= DATABASE_RETRY_AFTER_SECONDS - 0.05, "every real agent was answered 503"
                    + " more than once and waited at least the Retry-After of " + DATABASE_RETRY_AFTER_SECONDS + " s before its next heartbeat");
        } else {
            report.note("an outage under " + RETRY_AFTER_OBSERVABLE.toSeconds() + " s is too short to see an agent wait out a Retry-After");
        }
    }

    /** The {@code Retry-After} a server sends while the database cannot be reached. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    /** How soon a server must answer {@code /api/ready} while the database is down (its own check waits 0.75 s). */
    static final double READY_BOUND_SECONDS = 1.5;

    /** Asks every server's {@code /api/ready} three times (the database is down): each 503, each within the bound. */
    private void readyAnswersFast(ScenarioReport report) {
        double slowest = 0;
        boolean all503 = true;
        String body = "";
        for (ChaosCluster.Server s : cluster.servers()) {
            for (int i = 0; i < 3; i++) {
                long asked = System.nanoTime();
                ChaosCluster.Ready down = s.ready();
                slowest = Math.max(slowest, (System.nanoTime() - asked) / 1e9);
                all503 &= down.statusCode() == 503;
                body = down.body();
            }
        }
        report.figure("slowest /api/ready answer while the database is down (" + cluster.servers().size() * 3 + " asked)",
                String.format(Locale.ROOT, "%.2f s: %s", slowest, body));
        report.check(all503 && slowest <= READY_BOUND_SECONDS, "every /api/ready answer while the database is down is 503 within "
                + READY_BOUND_SECONDS + " s (slowest " + String.format(Locale.ROOT, "%.2f s", slowest) + ")");
    }

    public List<ScenarioReport> runAll() throws Exception {
        List<ScenarioReport> reports = new ArrayList<>();
        reports.add(killDuringDeployAndPublish());
        reports.add(restartDatabase());
        reports.add(killDatabase());
        reports.add(everyServerDown());
        reports.add(thunderingHerd());
        reports.add(writeQueueFull());
        reports.add(dataDirectoryFull());
        return reports;
    }

    @Override
    public void close() {
        cluster.close();
    }

    /**
     * {@code bench/run chaos [--servers 3] [--agents 6] [--outage-s 180] [--herd 10000] [--herd-backoff-cap-s 60] [--work DIR]
     * [--ports P] [--pg-port Q]}: servers on free ports from P up and PostgreSQL from Q up (any free port without them);
     * the long version; exit 1 when a check failed.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> values = CommandLine.parse(args, Set.of());
        Options options = Options.parse(values);
        Path work = Path.of(values.getOrDefault("work", "bench/target/chaos-" + System.currentTimeMillis()));
        Path root = Path.of(System.getProperty("vf.root", ".")).toAbsolutePath().normalize();
        ChaosCluster.usePorts(Integer.parseInt(values.getOrDefault("ports", "0")), Integer.parseInt(values.getOrDefault("pg-port", "0")));
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
