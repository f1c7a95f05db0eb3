package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.SchemaMigrations;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.adapter.storage.S3TestServer;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What must not go wrong: damaged, cut-off, newer or foreign backups are refused and change nothing; a restore through
 * the API takes a pre-restore backup and brings the old state back while the same node tokens keep working; a backup
 * taken while writes continue is consistent; a schedule runs on one server of two; failures are recorded and shown.
 */
class BackupSafetyTest {

    @TempDir
    Path dir;

    private static Map<String, String> local(Map<String, String> extra) {
        Map<String, String> settings = BackupFixture.settings(null, null);
        settings.putAll(extra);
        return settings;
    }

    @Test
    void aFlippedByteATruncatedFileANewerSchemaAndAnotherMasterKey_areRefusedWithAClearReason_andChangeNothing() throws Exception {
        Map<String, String> settings = local(Map.of());
        try (TestServer server = TestServer.start(dir.resolve("a"), settings)) {
            BackupFixture fixture = BackupFixture.populate(server);
            String name = BackupFixture.backupThroughTheApi(server.root(), true).get("name").asText();
            Path good = dir.resolve("a/backups").resolve(name);
            assertThat(good).exists();
            Map<String, String> before = fixture.state(server.root());
            int auditEntries = BackupFixture.audit(server.root()).size();
            byte[] bytes = Files.readAllBytes(good);

            Path flipped = write("flipped.vfbackup", bytes);
            try (RandomAccessFile raf = new RandomAccessFile(flipped.toFile(), "rw")) {
                raf.seek(bytes.length / 2);
                raf.write(bytes[bytes.length / 2] ^ 0x10);
            }
            assertRefused(server, settings, flipped, "is damaged: its content does not match its SHA-256 checksum");
            assertRefused(server, settings, write("truncated.vfbackup", java.util.Arrays.copyOf(bytes, bytes.length - 4096)),
                    "does not end with its SHA-256 checksum (was it cut short");
            int changesets = SchemaMigrations.buildLevel().changesets();
            assertRefused(server, settings, write("newer.vfbackup", withManifest(bytes, m -> m.replace("\"changesets\":" + changesets, "\"changesets\":99"))),
                    "comes from a newer schema than this build knows: it has 99 changesets");
            Map<String, String> otherKey = new java.util.HashMap<>(settings);
            otherKey.put("VF_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
            assertRefused(server, otherKey, good, "The master key of this server cannot open the key ring in this backup");
            Map<String, String> noKey = new java.util.HashMap<>(settings);
            noKey.remove("VF_MASTER_KEY");
            assertRefused(server, noKey, good, "There is no master key");

            // through the API: a damaged file in the storage is refused, and the name must be typed again
            Files.write(dir.resolve("a/backups/vectorflow-damaged.vfbackup"), Files.readAllBytes(flipped));
            ApiClient.Answer damaged = server.root().postJson("/api/backups/vectorflow-damaged.vfbackup/restore",
                    ApiClient.json("confirm", "vectorflow-damaged.vfbackup"));
            assertThat(damaged.status()).as(damaged.body()).isEqualTo(422);
            assertThat(damaged.json().get("detail").asText()).contains("is damaged");
            ApiClient.Answer unconfirmed = server.root().postJson("/api/backups/" + name + "/restore", ApiClient.json("confirm", "yes"));
            assertThat(unconfirmed.status()).isEqualTo(400);
            assertThat(unconfirmed.body()).contains("must repeat the backup's name exactly");
            ApiClient.Answer dryRun = server.root().postJson("/api/backups/vectorflow-damaged.vfbackup/verify", "{}");
            assertThat(dryRun.status()).isEqualTo(422);

            assertThat(fixture.state(server.root())).isEqualTo(before);
            assertThat(BackupFixture.audit(server.root())).hasSize(auditEntries);
            assertThat(server.root().get("/api/backups").json().get("items")).noneMatch(i -> i.get("trigger").asText().equals("PRE_RESTORE"));
        }
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertRefused(TestServer server, Map<String, String> settings, Path file, String reason) {
        BackupFixture.Cli refused = BackupFixture.cli(server.database, server.dataDirectory(), settings, "backup", "restore", file.toString());
        assertThat(refused.code()).as(refused.out()).isEqualTo(1);
        assertThat(refused.err()).contains("Refused: ").contains(reason).contains("Nothing was changed");
        BackupFixture.Cli dryRun = BackupFixture.cli(server.database, server.dataDirectory(), settings, "backup", "restore", file.toString(), "--dry-run");
        assertThat(dryRun.code()).isEqualTo(1);
        assertThat(dryRun.err()).contains(reason);
    }

    /** The same backup with its manifest changed and a correct checksum (as a newer build would write it). */
    static byte[] withManifest(byte[] backup, java.util.function.UnaryOperator<String> change) throws Exception {
        int first = BackupRestoreTest.indexOf(backup, 0);
        int second = BackupRestoreTest.indexOf(backup, first + 1);
        String manifest = new String(backup, first + 1, second - first - 1, StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(backup, 0, first + 1);
        out.write((change.apply(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
        out.write(backup, second + 1, backup.length - second - 1 - 74);
        byte[] body = out.toByteArray();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        out.write(("\nSHA-256 " + sha + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void theMasterKeyExportedFromTheDataDirectory_restoresTheBackupOnAnotherHost() throws Exception {
        Map<String, String> keyFile = local(Map.of());
        keyFile.remove("VF_MASTER_KEY");
        BackupFixture.Cli none = BackupFixture.cli(TestDatabases.freshDatabase(), dir.resolve("empty"), keyFile, "keys", "export");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("There is no master key yet");
        assertThat(dir.resolve("empty/master.key")).doesNotExist();
        try (TestServer server = TestServer.start(dir.resolve("a"), keyFile)) {
            BackupFixture fixture = BackupFixture.populate(server);
            Map<String, String> served = fixture.configs(server.anonymous);
            String name = BackupFixture.backupThroughTheApi(server.root(), false).get("name").asText();
            BackupFixture.Cli exported = BackupFixture.cli(server.database, server.dataDirectory(), keyFile, "keys", "export");
            assertThat(exported.code()).isZero();
            assertThat(exported.err()).contains("Keep it in a password manager");
            String key = exported.out().strip();
            assertThat(java.util.Base64.getDecoder().decode(key)).isEqualTo(java.util.Base64.getDecoder().decode(
                    Files.readString(dir.resolve("a/master.key")).strip()));

            Map<String, String> elsewhere = new java.util.HashMap<>(keyFile);
            elsewhere.put("VF_MASTER_KEY", key);
            DatabaseSettings other = TestDatabases.freshDatabase();
            BackupFixture.Cli restored = BackupFixture.cli(other, dir.resolve("b"), elsewhere, "backup", "restore",
                    dir.resolve("a/backups").resolve(name).toString());
            assertThat(restored.code()).as(restored.out() + restored.err()).isZero();
            try (TestServer again = TestServer.startOn(other, dir.resolve("b"), elsewhere)) {
                assertThat(fixture.configs(again.anonymous)).isEqualTo(served);
            }
        }
    }

    @Test
    void aRestoreThroughTheApi_takesAPreRestoreBackup_bringsTheBackupsStateBack_andTheSameNodeTokensKeepWorking() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("a"), local(Map.of()))) {
            BackupFixture fixture = BackupFixture.populate(server);
            ApiClient root = server.root();
            Map<String, String> before = fixture.state(root);
            Map<String, String> servedBefore = fixture.configs(server.anonymous);
            String name = BackupFixture.backupThroughTheApi(root, false).get("name").asText();

            ApiClient.Answer later = root.postJson("/api/environments/" + fixture.environment + "/pipelines", "{\"name\":\"after-the-backup\"}");
            assertThat(later.status()).isEqualTo(201);
            BackupFixture.ok(root.patchJson("/api/environments/" + fixture.environment + "/secrets/api_token", ApiClient.json("value", "changed")));
            assertThat(fixture.configs(server.anonymous)).isNotEqualTo(servedBefore);

            ApiClient.Answer started = root.postJson("/api/backups/" + name + "/restore", ApiClient.json("confirm", name));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            JsonNode done = awaitRestore(root);
            assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("auditVerification").asText()).startsWith("intact: ");
            assertThat(done.get("tablesDone").asInt()).isEqualTo(done.get("tablesTotal").asInt()).isPositive();
            String preRestore = done.get("preRestoreBackup").asText();
            assertThat(preRestore).contains("-pre-restore-");

            // the admin's session survived (the user exists in the backup), the old state is back, the nodes get their configs
            assertThat(fixture.state(root)).isEqualTo(before);
            assertThat(root.get("/api/environments/" + fixture.environment + "/pipelines").body()).doesNotContain("after-the-backup");
            assertThat(fixture.configs(server.anonymous)).isEqualTo(servedBefore);
            for (String token : fixture.nodeTokens) {
                BackupFixture.ok(server.anonymous.withBearer(token).postJson("/api/agent/heartbeat",
                        "{\"agentVersion\":\"1.0.0\",\"deploymentMode\":\"STANDALONE\",\"labels\":{\"tier\":\"edge\"},\"pipelines\":[]}"));
            }
            assertThat(server.app.services().audit.verify().firstBrokenLink()).isEmpty();
            JsonNode listed = root.get("/api/backups").json().get("items");
            assertThat(listed.toString()).contains("\"name\":\"" + preRestore + "\",\"status\":\"SUCCEEDED\",\"trigger\":\"PRE_RESTORE\"");

            // and the pre-restore backup undoes it
            BackupFixture.ok(root.postJson("/api/backups/" + preRestore + "/restore", ApiClient.json("confirm", preRestore)));
            assertThat(awaitRestore(root).get("phase").asText()).isEqualTo("SUCCEEDED");
            assertThat(root.get("/api/environments/" + fixture.environment + "/pipelines").body()).contains("after-the-backup");
        }
    }

    private static JsonNode awaitRestore(ApiClient root) throws InterruptedException {
        return Polling.until("the restore ends", Duration.ofSeconds(60), () -> {
            ApiClient.Answer status = root.get("/api/restore");
            return status.status() == 200 && status.json().get("restore") != null && !status.json().get("restore").isNull()
                    && !status.json().get("restore").get("running").asBoolean() ? status.json().get("restore") : null;
        }, r -> true, () -> "");
    }

    @Test
    void aBackupTakenWhileWritesContinue_isConsistent_noVersionWithoutItsPipelineNoDeploymentWithoutItsVersion() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("a"), local(Map.of()))) {
            ApiClient root = server.root();
            String team = server.createTeam("busy");
            String env = server.createEnvironment(root, team, "busy");
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(3);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String id = root.postJson("/api/environments/" + env + "/pipelines", "{\"name\":\"w" + writer + "-" + i + "\",\"graph\":"
                                + PipelineFixtures.SIMPLE_GRAPH + "}").json().get("id").asText();
                        root.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "one"));
                        root.postJson("/api/pipelines/" + id + "/deployments", "{}");
                        root.postJson("/api/pipelines/" + id + "/versions", ApiClient.json("message", "two"));
                        root.postJson("/api/pipelines/" + id + "/deployments", "{}");
                        if (i % 3 == 2) {
                            root.delete("/api/pipelines/" + id + "/deployments");
                            root.delete("/api/pipelines/" + id);
                        }
                        written.incrementAndGet();
                    }
                    return null;
                }));
            }
            List<String> names = new ArrayList<>();
            try {
                Thread.sleep(1500);
                for (int b = 0; b < 3; b++) {
                    names.add(BackupFixture.backupThroughTheApi(root, true).get("name").asText());
                }
            } finally {
                writing.set(false);
                for (Future<?> f : running) {
                    f.get();
                }
                writers.shutdown();
            }
            assertThat(written.get()).as("pipelines written while backing up").isGreaterThan(5);
            for (String name : names) {
                DatabaseSettings restored = TestDatabases.freshDatabase();
                BackupFixture.Cli cli = BackupFixture.cli(restored, dir.resolve("r-" + name), local(Map.of()), "backup", "restore",
                        dir.resolve("a/backups").resolve(name).toString());
                assertThat(cli.code()).as(cli.out() + cli.err()).isZero();
                assertThat(count(restored, "select count(*) from pipelines")).isPositive();
                assertThat(count(restored, "select count(*) from pipeline_versions v where not exists (select 1 from pipelines p where p.id = v.pipeline_id)"))
                        .isZero();
                assertThat(count(restored, "select count(*) from deployments d where not exists (select 1 from pipeline_versions v"
                        + " where v.pipeline_id = d.pipeline_id and v.number = d.version)")).isZero();
                assertThat(count(restored, "select count(*) from pipelines p where exists (select 1 from deployments d where d.pipeline_id = p.id)"
                        + " and not exists (select 1 from pipeline_versions v where v.pipeline_id = p.id)")).isZero();
            }
        }
    }

    private static long count(DatabaseSettings database, String query) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(database.jdbcUrl().orElseThrow(), database.user().orElse(null),
                database.password().orElse(null)); var s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void givenASchedule_oneOfTwoServersTakesTheDueBackup_withoutTelemetry_andRetentionKeepsTheNewest() throws Exception {
        Map<String, String> settings = local(Map.of("VF_BACKUP_SCHEDULE", "0 0 1 1 *", "VF_BACKUP_DIR", dir.resolve("shared").toString(),
                "VF_BACKUP_KEEP_LAST", "2", "VF_JOB_LEASE_SECONDS", "3", "VF_POLL_INTERVAL_MS", "1000"));
        DatabaseSettings database = TestDatabases.freshDatabase();
        try (TestServer one = TestServer.startOn(database, dir.resolve("one"), settings);
             TestServer two = TestServer.startOn(database, dir.resolve("two"), settings)) {
            ApiClient root = one.root();
            JsonNode scheduled = Polling.until("a scheduled backup succeeded", Duration.ofSeconds(60), () -> scheduledRuns(root),
                    runs -> runs.size() == 1 && runs.getFirst().get("status").asText().equals("SUCCEEDED"), () -> "").getFirst();
            assertThat(scheduled.get("telemetryIncluded").asBoolean()).isFalse();
            assertThat(scheduled.get("createdBy").asText()).isEqualTo("schedule");
            JsonNode overview = root.get("/api/backups").json();
            assertThat(overview.get("schedule").asText()).isEqualTo("0 0 1 1 * (UTC)");
            assertThat(overview.get("nextScheduled").asText()).endsWith("-01-01T00:00:00Z");
            Thread.sleep(5000);
            assertThat(scheduledRuns(root)).as("the lease lets one server take it, and once").hasSize(1);

            for (int i = 0; i < 3; i++) {
                BackupFixture.backupThroughTheApi(root, false);
                Thread.sleep(20);
            }
            List<String> files;
            try (var listing = Files.list(dir.resolve("shared"))) {
                files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".vfbackup")).sorted().toList();
            }
            assertThat(files).hasSize(2).allMatch(n -> n.contains("-manual-"));
            JsonNode items = root.get("/api/backups").json().get("items");
            assertThat(items.toString()).contains("\"trigger\":\"SCHEDULED\"");
            assertThat(java.util.stream.StreamSupport.stream(items.spliterator(), false).filter(i -> i.get("available").asBoolean()).count())
                    .isEqualTo(2);
        }
    }

    private static List<JsonNode> scheduledRuns(ApiClient root) {
        List<JsonNode> runs = new ArrayList<>();
        root.get("/api/backups").json().get("items").forEach(i -> {
            if (i.get("trigger").asText().equals("SCHEDULED")) {
                runs.add(i);
            }
        });
        return runs;
    }

    @Test
    void aBackupThatFails_isRecordedAndShownWithItsReason() throws Exception {
        try (S3TestServer s3 = S3TestServer.start();
             TestServer server = TestServer.start(dir.resolve("a"), BackupFixture.settings(s3, "no-such-bucket"))) {
            ApiClient root = server.root();
            String name = root.postJson("/api/backups", "{}").json().get("name").asText();
            JsonNode failed = Polling.until("the backup ends", Duration.ofSeconds(60), () -> root.get("/api/backups").json().get("items").get(0),
                    i -> i.get("name").asText().equals(name) && !i.get("status").asText().equals("RUNNING"), () -> "");
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("error").asText()).contains("Cannot store backup " + name + " in s3://no-such-bucket/prod/");
            assertThat(failed.get("available").asBoolean()).isFalse();
            BackupFixture.Cli list = BackupFixture.cli(server.database, server.dataDirectory(), BackupFixture.settings(s3, "no-such-bucket"),
                    "backup", "list");
            assertThat(list.out()).contains("FAILED").contains(name).contains("error: Cannot store backup");
        }
    }
}
