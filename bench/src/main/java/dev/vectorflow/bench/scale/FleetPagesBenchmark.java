package dev.vectorflow.bench.scale;

import dev.vectorflow.bench.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.postgres.EmbeddedPostgresServer;
import dev.vectorflow.app.BenchServer;
import dev.vectorflow.app.ServerApplication;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The fleet list and the node page at fleet scale: starts an embedded PostgreSQL and the real server on it, fills one
 * environment with N nodes (default 100,000; labels, statuses, heartbeat times, 3 pipelines reported by two nodes in
 * three) in bulk SQL, then times over HTTP the first page of the node list, a deep page reached by cursor, a page in each
 * sort (name, status, last seen both ways, agent version), a page under each filter (status, labels, status + labels, also
 * sorted by last seen, hostname search), the selector preview and the node page, each after a warm-up, one request at a
 * time, and prints p50/p95/p99/max. No heartbeats flow meanwhile (the heartbeat path has
 * its own load generator, bench/heartbeats).
 *
 * <pre>bench/run fleet-pages [--nodes 100000] [--requests 200] [--warmup 50]</pre>
 */
public final class FleetPagesBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = "bench@example.test";
    private static final String PASSWORD = "bench password 1";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String cookie;
    private String csrf;

    private FleetPagesBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.parse(args, Set.of());
        int nodes = Integer.parseInt(options.getOrDefault("nodes", "100000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "50"));
        Path work = Files.createTempDirectory("vf-fleet-pages");
        long started = System.nanoTime();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("postgres"))) {
            postgres.createDatabaseIfMissing("fleet_bench");
            String url = postgres.jdbcUrl("fleet_bench");
            Map<String, String> env = new HashMap<>(Map.of("VF_HTTP_PORT", "0", "VF_DATA_DIR", work.resolve("server").toString(),
                    "VF_DATABASE_URL", url, "VF_DATABASE_USER", postgres.user(), "VF_DATABASE_POOL_SIZE", "10",
                    // no agent sends heartbeats here: with an hour's poll interval the sweep leaves the filled statuses as they are
                    "VF_POLL_INTERVAL_MS", "3600000"));
            try (ServerApplication app = BenchServer.start(env, EMAIL, PASSWORD)) {
                FleetPagesBenchmark bench = new FleetPagesBenchmark("http://127.0.0.1:" + app.port());
                bench.signIn();
                String team = bench.post("/api/teams", Map.of("name", "bench")).get("id").asText();
                String envId = bench.post("/api/teams/" + team + "/environments", Map.of("name", "fleet")).get("id").asText();
                List<String> pipelines = new ArrayList<>();
                for (String name : List.of("app-logs", "metrics", "audit")) {
                    pipelines.add(bench.post("/api/environments/" + envId + "/pipelines", Map.of("name", name, "graph",
                            Map.of("components", List.of(), "edges", List.of()))).get("id").asText());
                }
                long fill = System.nanoTime();
                List<String> sample;
                try (Connection c = DriverManager.getConnection(url, postgres.user(), null)) {
                    fill(c, UUID.fromString(envId), pipelines, nodes);
                    sample = sampleIds(c, Math.max(requests, warmup));
                }
                System.out.printf(Locale.ROOT, "filled %,d nodes (%,d pipeline states) in %.1f s%n", nodes, nodes / 3 * 2 * 3L,
                        (System.nanoTime() - fill) / 1e9);
                bench.run(envId, sample, nodes, requests, warmup);
            }
        } finally {
            System.out.printf(Locale.ROOT, "total %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** N nodes in one statement (their label rows by trigger), then the pipeline states of two nodes in three, then fresh planner statistics. */
    private static void fill(Connection c, UUID environment, List<String> pipelines, int count) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into nodes (id, environment_id, token_lookup, token_hash, token_revoked, hostname, os, agent_version, vector_version,
                    deployment_mode, agent_labels, user_labels, maintenance, status, status_reason, enrolled_at, last_heartbeat_at, update_error)
                select gen_random_uuid(), ?, lpad(to_hex(i), 16, '0'), md5(i::text) || md5(i::text), false,
                    (array['web','db','edge','cache','worker'])[1 + i % 5] || '-' || lpad(i::text, 6, '0') || '.dc' || (i % 4) || '.example.com',
                    'linux/amd64', '1.' || (i % 12) || '.' || (i % 3), 'vector 0.57.0 (x86_64-unknown-linux-gnu)', 'STANDALONE',
                    json_build_object('region', (array['eu','us','ap'])[1 + i % 3], 'role', (array['web','db','edge','cache','worker'])[1 + i % 5],
                        'rack', 'r' || (i % 50))::text,
                    case when i % 10 = 0 then '{"tier":"gold"}' else '{}' end,
                    i % 97 = 0,
                    case when i % 20 = 0 then 'UNREACHABLE' when i % 7 = 0 then 'DEGRADED' else 'HEALTHY' end,
                    case when i % 20 = 0 then 'no heartbeat for 90 s' else 'heartbeat' end,
                    now() - interval '30 days',
                    case when i % 1000 = 0 then null else now() - (i % 900) * interval '1 second' end, ''
                from generate_series(1, ?) i""")) {
            insert.setObject(1, environment);
            insert.setInt(2, count);
            insert.executeUpdate();
        }
        // what the repository writes with every new node (heartbeats keep it in step by a trigger)
        try (PreparedStatement seen = c.prepareStatement("""
                insert into node_last_seen (node_id, environment_id, seen_at)
                select id, environment_id, coalesce(last_heartbeat_at, '-infinity') from nodes where environment_id = ?""")) {
            seen.setObject(1, environment);
            seen.executeUpdate();
        }
        try (PreparedStatement states = c.prepareStatement("""
                insert into node_pipeline_states (node_id, pipeline_id, version, checksum, status, pid, running_since, error, updated_at)
                select n.id, p.id, 1, md5(p.id::text), 'RUNNING', 4242, now() - interval '1 hour', '', now()
                from nodes n cross join unnest(?::uuid[]) as p(id)
                where n.environment_id = ? and ('x' || substr(n.token_lookup, 13, 4))::bit(16)::int % 3 <> 0""")) {
            states.setArray(1, c.createArrayOf("uuid", pipelines.stream().map(UUID::fromString).toArray()));
            states.setObject(2, environment);
            states.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("vacuum analyze nodes");
            s.execute("vacuum analyze node_pipeline_states");
            s.execute("vacuum analyze node_last_seen");
            // filled by the triggers of nodes as the nodes went in
            s.execute("vacuum analyze node_labels");
        }
    }

    private static List<String> sampleIds(Connection c, int n) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from nodes order by random() limit " + n)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private void run(String envId, List<String> sample, int count, int requests, int warmup) throws Exception {
        String list = "/api/environments/" + envId + "/nodes";
        JsonNode first = get(list + "?limit=100");
        System.out.printf(Locale.ROOT, "node list: total %,d, first page %d nodes, %,d bytes%n", first.get("total").asLong(),
                first.get("nodes").size(), JSON.writeValueAsBytes(first).length);
        // a cursor about 90% of the way down, reached by walking pages of 500 (itself timed)
        String cursor = null;
        List<Long> walk = new ArrayList<>();
        int walked = 0;
        int position = 0;
        while (walked < count * 9 / 10) {
            long t0 = System.nanoTime();
            JsonNode page = get(list + "?limit=500" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            walk.add(System.nanoTime() - t0);
            walked += page.get("nodes").size();
            if (!page.hasNonNull("nextCursor")) {
                break;
            }
            cursor = page.get("nextCursor").asText();
            position = walked;
        }
        String deep = cursor;
        Map<String, IntFunction<String>> cases = new LinkedHashMap<>();
        cases.put("first page (100, by name)", i -> list + "?limit=100");
        cases.put("deep page (cursor after node " + position + ")", i -> list + "?limit=100&cursor=" + enc(deep));
        cases.put("sorted by name, desc", i -> list + "?limit=100&sort=name&order=desc");
        cases.put("sorted by status", i -> list + "?limit=100&sort=status");
        cases.put("sorted by last seen, desc", i -> list + "?limit=100&sort=lastSeen&order=desc");
        cases.put("sorted by last seen, asc", i -> list + "?limit=100&sort=lastSeen");
        cases.put("sorted by agent version, desc", i -> list + "?limit=100&sort=agentVersion&order=desc");
        cases.put("status filter (UNREACHABLE)", i -> list + "?limit=100&status=UNREACHABLE");
        cases.put("label filter (2 labels)", i -> list + "?limit=100&label=region=eu&label=role=web");
        cases.put("label filter (1 label, a third)", i -> list + "?limit=100&label=region=eu");
        cases.put("status + 2 labels", i -> list + "?limit=100&status=HEALTHY&label=region=eu&label=role=web");
        cases.put("status + 2 labels, by last seen", i -> list + "?limit=100&status=HEALTHY&label=region=eu&label=role=web&sort=lastSeen"
                + "&order=desc");
        cases.put("search (hostname text)", i -> list + "?limit=100&search=" + String.format(Locale.ROOT, "%03d", i % 1000));
        cases.put("selector preview (nodes/match)", i -> list + "/match?selector=region=eu,role=db");
        cases.put("node page (GET /api/nodes/{id})", i -> "/api/nodes/" + sample.get(i % sample.size()));
        System.out.printf(Locale.ROOT, "%nwalk to the deep cursor: %d pages of 500: %s%n", walk.size(), stats(walk));
        System.out.printf(Locale.ROOT, "%n%-40s %8s %8s %8s %8s   (ms, %d requests after %d warm-up, one at a time)%n", "request", "p50",
                "p95", "p99", "max", requests, warmup);
        for (Map.Entry<String, IntFunction<String>> c : cases.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                get(c.getValue().apply(i));
            }
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String path = c.getValue().apply(i);
                long t0 = System.nanoTime();
                get(path);
                times.add(System.nanoTime() - t0);
            }
            System.out.printf(Locale.ROOT, "%-40s %s%n", c.getKey(), stats(times));
        }
    }

    private static String stats(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "%8.1f %8.1f %8.1f %8.1f", pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void signIn() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", EMAIL, "password", PASSWORD)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
        }
        cookie = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("vf_session=")).findFirst().orElseThrow()
                .split(";", 2)[0];
        csrf = JSON.readTree(r.body()).get("csrfToken").asText();
    }

    private JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }
}
