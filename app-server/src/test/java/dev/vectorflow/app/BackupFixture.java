package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.storage.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server with something of everything (teams, users, environments, pipelines with several versions, deployments,
 * secrets, certificates, enrolled scripted nodes and their reports, audit entries), what the API shows of it, and the
 * configs its nodes are served; plus running the command line against a database.
 */
final class BackupFixture {

    /** The same master key for every server and command of a test (as an operator restores with the key they kept). */
    static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString("backup-test-master-key-32-bytes!".getBytes(StandardCharsets.US_ASCII));
    static final String SECRET_VALUE = "s3cret-value-only-in-the-vault";

    final String team;
    final String environment;
    final List<String> pipelines = new ArrayList<>();
    final List<String> nodeTokens = new ArrayList<>();
    final List<String> nodes = new ArrayList<>();

    private BackupFixture(String team, String environment) {
        this.team = team;
        this.environment = environment;
    }

    /** Settings of a server or command whose backups go to {@code bucket} on the S3 test server (or to a directory when null). */
    static Map<String, String> settings(S3TestServer s3, String bucket) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("VF_MASTER_KEY", MASTER_KEY, "VF_ENROLL_RATE_LIMIT", "10000",
                "VF_AGENT_RATE_LIMIT", "10000"));
        if (s3 != null) {
            env.putAll(Map.of("VF_BACKUP_TARGET", "s3", "VF_BACKUP_S3_BUCKET", bucket, "VF_BACKUP_S3_PREFIX", "prod/",
                    "VF_BACKUP_S3_ENDPOINT", s3.endpoint().toString(), "VF_BACKUP_S3_PATH_STYLE", "true",
                    "VF_BACKUP_S3_ACCESS_KEY", S3TestServer.ACCESS_KEY, "VF_BACKUP_S3_SECRET_KEY", S3TestServer.SECRET_KEY));
        }
        return env;
    }

    static BackupFixture populate(TestServer server) {
        ApiClient root = server.root();
        String team = server.createTeam("ops");
        String env = server.createEnvironment(root, team, "production");
        BackupFixture f = new BackupFixture(team, env);
        server.user("alice@example.com", team, "EDITOR");
        server.user("bob@example.com", null, null);
        ok(root.postJson("/api/environments/" + env + "/secrets", ApiClient.json("name", "api_token", "value", SECRET_VALUE,
                "description", "the sink's token")));
        TestCertificates.Pem pem = TestCertificates.selfSigned("edge.example.com", Duration.ofDays(365));
        ok(root.postJson("/api/environments/" + env + "/certificates", ApiClient.json("name", "edge", "certificate", pem.certificate(),
                "privateKey", pem.privateKey())));
        String withSecret = pipeline(root, env, "with-secret", """
                {"components":[
                  {"key":"demo","kind":"source","type":"demo_logs","options":{"format":"json"}},
                  {"key":"out","kind":"sink","type":"http","options":{"uri":"https://logs.example.com","encoding":{"codec":"json"},
                    "auth":{"strategy":"bearer","token":"SECRET[api_token]"},"tls":{"crt_file":"CERT[edge]","key_file":"CERT[edge]"}}}],
                 "edges":[{"from":"demo","to":"out"}]}""");
        ok(root.putJson("/api/pipelines/" + withSecret + "/graph", PipelineFixtures.SIMPLE_GRAPH.replace("upcase", "downcase")));
        ok(root.postJson("/api/pipelines/" + withSecret + "/versions", ApiClient.json("message", "second")));
        ok(root.postJson("/api/pipelines/" + withSecret + "/versions/1/rollback", ApiClient.json("message", "back to the first")));
        String plain = pipeline(root, env, "plain", PipelineFixtures.SIMPLE_GRAPH);
        f.pipelines.addAll(List.of(withSecret, plain));
        for (String p : f.pipelines) {
            ok(root.postJson("/api/pipelines/" + p + "/deployments", "{\"selector\":{\"tier\":\"edge\"}}"));
        }
        String enrollment = root.postJson("/api/environments/" + env + "/enrollment-tokens", "{\"maxUses\":5,\"labels\":{\"tier\":\"edge\"}}")
                .json().get("token").asText();
        for (String host : List.of("edge-1", "edge-2")) {
            JsonNode enrolled = server.anonymous.postJson("/api/agent/enroll", "{\"token\":\"" + enrollment + "\",\"hostname\":\"" + host
                    + "\",\"os\":\"linux/amd64\",\"agentVersion\":\"1.0.0\",\"vectorVersion\":\"vector 0.57.0\",\"labels\":{\"tier\":\"edge\"}}").json();
            f.nodeTokens.add(enrolled.get("nodeToken").asText());
            f.nodes.add(enrolled.get("nodeId").asText());
        }
        for (String token : f.nodeTokens) {
            ok(server.anonymous.withBearer(token).postJson("/api/agent/heartbeat", "{\"agentVersion\":\"1.0.0\",\"deploymentMode\":\"STANDALONE\","
                    + "\"labels\":{\"tier\":\"edge\"},\"pipelines\":[]}"));
        }
        ok(root.putJson("/api/nodes/" + f.nodes.getFirst() + "/labels", "{\"labels\":{\"zone\":\"a\"}}"));
        // heartbeats are written behind: what the API shows from now on is what a backup holds
        server.app.services().telemetryWriter.flush();
        return f;
    }

    private static String pipeline(ApiClient root, String env, String name, String graph) {
        ApiClient.Answer created = ok(root.postJson("/api/environments/" + env + "/pipelines", "{\"name\":\"" + name + "\",\"graph\":" + graph + "}"));
        String id = created.json().get("id").asText();
        ok(root.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "first")));
        return id;
    }

    static ApiClient.Answer ok(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        return answer;
    }

    /** Everything the API shows of the fixture's objects, by path. */
    Map<String, String> state(ApiClient root) {
        Map<String, String> state = new TreeMap<>();
        List<String> paths = new ArrayList<>(List.of("/api/teams", "/api/users", "/api/environments", "/api/teams/" + team + "/members",
                "/api/environments/" + environment + "/secrets", "/api/environments/" + environment + "/certificates",
                "/api/environments/" + environment + "/pipelines", "/api/environments/" + environment + "/enrollment-tokens",
                "/api/agent-releases"));
        for (String p : pipelines) {
            paths.addAll(List.of("/api/pipelines/" + p, "/api/pipelines/" + p + "/versions", "/api/pipelines/" + p + "/versions/1",
                    "/api/pipelines/" + p + "/config?format=yaml"));
        }
        paths.add("/api/pipelines/" + pipelines.getFirst() + "/versions/3");
        for (String n : nodes) {
            paths.add("/api/nodes/" + n);
        }
        for (String path : paths) {
            ApiClient.Answer answer = root.get(path);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
            state.put(path, answer.body());
        }
        return state;
    }

    /** What each node token is served: its desired state and every pipeline's config (checksum, YAML, secret values, files). */
    Map<String, String> configs(ApiClient anonymous) {
        Map<String, String> served = new LinkedHashMap<>();
        for (String token : nodeTokens) {
            ApiClient agent = anonymous.withBearer(token);
            ApiClient.Answer desired = agent.get("/api/agent/config");
            assertThat(desired.status()).as(desired.body()).isEqualTo(200);
            served.put(token.substring(0, 24) + " desired", desired.body());
            for (String p : pipelines) {
                ApiClient.Answer config = agent.postJson("/api/agent/config", "{\"pipelineId\":\"" + p + "\"}");
                assertThat(config.status()).as(config.body()).isEqualTo(200);
                served.put(token.substring(0, 24) + " " + p, config.body());
            }
        }
        return served;
    }

    /** The audit log, oldest first. */
    static List<JsonNode> audit(ApiClient root) {
        List<JsonNode> entries = new ArrayList<>();
        root.get("/api/audit?limit=1000").json().get("items").forEach(entries::add);
        return entries.reversed();
    }

    /** Runs the command line as an operator would, against {@code database}; returns exit code and output. */
    record Cli(int code, String out, String err) {
    }

    static Cli cli(DatabaseSettings database, Path dataDir, Map<String, String> settings, String... args) {
        Map<String, String> env = ExternalDatabaseTest.environmentFor(database, dataDir);
        env.putAll(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VectorFlowCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts a backup through the API and waits until it succeeded; returns its list entry. */
    static JsonNode backupThroughTheApi(ApiClient root, boolean telemetry) throws InterruptedException {
        ApiClient.Answer started = root.postJson("/api/backups", "{\"includeTelemetry\":" + telemetry + "}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String name = started.json().get("name").asText();
        JsonNode[] found = new JsonNode[1];
        Polling.until("backup " + name + " ends", Duration.ofSeconds(60), () -> {
            for (JsonNode item : root.get("/api/backups").json().get("items")) {
                if (item.get("name").asText().equals(name) && !item.get("status").asText().equals("RUNNING")) {
                    found[0] = item;
                    return item;
                }
            }
            return null;
        }, item -> true, () -> "");
        assertThat(found[0].get("status").asText()).as(found[0].toString()).isEqualTo("SUCCEEDED");
        return found[0];
    }
}
