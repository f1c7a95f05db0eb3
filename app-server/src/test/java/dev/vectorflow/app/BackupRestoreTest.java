package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vectorflow.adapter.postgres.SchemaMigrations;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.adapter.storage.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with something of everything is backed up into a real S3 API server, its database is emptied, and the backup
 * is restored from the downloaded file and from S3 into empty databases: every object reads back the same through the
 * API, the same node tokens are served the same configs (secrets still open), and the audit chain verifies.
 */
class BackupRestoreTest {

    private static S3TestServer s3;

    @BeforeAll
    static void startS3() {
        s3 = S3TestServer.start();
        s3.createBucket("vf-backups");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void aBackupRestoredIntoEmptyDatabasesFromTheFileAndFromS3_bringsBackEveryObject_andTheSameConfigsForTheSameNodeTokens(@TempDir Path dir)
            throws Exception {
        Map<String, String> settings = BackupFixture.settings(s3, "vf-backups");
        DatabaseSettings database = TestDatabases.freshDatabase();
        BackupFixture fixture;
        Map<String, String> before;
        Map<String, String> servedBefore;
        List<JsonNode> auditBefore;
        String name;
        Path file = dir.resolve("downloaded.vfbackup");
        try (TestServer server = TestServer.startOn(database, dir.resolve("a"), settings)) {
            fixture = BackupFixture.populate(server);
            before = fixture.state(server.root());
            servedBefore = fixture.configs(server.anonymous);
            auditBefore = BackupFixture.audit(server.root());

            long started = System.nanoTime();
            JsonNode backup = BackupFixture.backupThroughTheApi(server.root(), true);
            long backupMillis = (System.nanoTime() - started) / 1_000_000;
            name = backup.get("name").asText();
            assertThat(name).matches("vectorflow-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ-manual-[0-9a-f]{8}\\.vfbackup");
            assertThat(backup.get("target").asText()).startsWith("s3://vf-backups/prod/ at http://127.0.0.1:");
            assertThat(backup.get("tableRows").get("pipeline_versions").asLong()).isEqualTo(4);
            assertThat(backup.get("tableRows").get("nodes").asLong()).isEqualTo(2);
            assertThat(backup.get("available").asBoolean()).isTrue();

            HttpResponse<InputStream> download = java.net.http.HttpClient.newHttpClient().send(
                    server.root().request("/api/backups/" + name + "/download").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"" + name + "\"");
            try (InputStream in = download.body()) {
                Files.copy(in, file);
            }
            assertThat(Files.size(file)).isEqualTo(backup.get("bytes").asLong());
            System.out.printf("figures: backup of %d rows in %d tables: %d bytes, %d ms (API round trip %d ms)%n",
                    backup.get("rows").asLong(), backup.get("tableRows").size(), Files.size(file), backup.get("durationMillis").asLong(),
                    backupMillis);
        }
        // secrets stay sealed, and the master key is nowhere in the backup
        String content = decompressed(file);
        assertThat(content).contains("\"contentSha256\"").contains("pipeline_versions")
                .doesNotContain(BackupFixture.SECRET_VALUE, BackupFixture.MASTER_KEY, "BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY");

        // the database is lost
        dropEverything(database);

        BackupFixture.Cli dryRun = BackupFixture.cli(database, dir.resolve("b"), settings, "backup", "restore", file.toString(), "--dry-run");
        assertThat(dryRun.code()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("Dry run: the backup is intact", "pipeline_versions", "schema " + SchemaMigrations.buildLevel().changesets() + " changesets");
        assertThat(tables(database)).isEmpty();

        long started = System.nanoTime();
        BackupFixture.Cli restored = BackupFixture.cli(database, dir.resolve("b"), settings, "backup", "restore", file.toString());
        long restoreMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(restored.code()).as(restored.out() + restored.err()).isZero();
        assertThat(restored.out()).contains("Restored ", "Audit log intact").doesNotContain("pre-restore");
        System.out.printf("figures: restore from the file into an empty database: %d ms%n", restoreMillis);
        assertSameAsBefore(fixture, database, dir.resolve("b"), settings, before, servedBefore, auditBefore);

        DatabaseSettings another = TestDatabases.freshDatabase();
        BackupFixture.Cli fromS3 = BackupFixture.cli(another, dir.resolve("c"), settings, "backup", "restore", name);
        assertThat(fromS3.code()).as(fromS3.out() + fromS3.err()).isZero();
        assertSameAsBefore(fixture, another, dir.resolve("c"), settings, before, servedBefore, auditBefore);
        BackupFixture.Cli s3Address = BackupFixture.cli(TestDatabases.freshDatabase(), dir.resolve("d"), settings, "backup", "restore",
                "s3://vf-backups/prod/" + name, "--dry-run");
        assertThat(s3Address.code()).as(s3Address.out() + s3Address.err()).isZero();
    }

    /** A server started on the restored database shows the same objects and serves the same configs to the same node tokens. */
    private static void assertSameAsBefore(BackupFixture fixture, DatabaseSettings database, Path dataDir, Map<String, String> settings, Map<String, String> before,
                                           Map<String, String> servedBefore, List<JsonNode> auditBefore) throws Exception {
        try (TestServer restored = TestServer.startOn(database, dataDir, settings)) {
            ApiClient root = restored.anonymous.signIn(TestServer.ROOT_EMAIL, TestServer.PASSWORD);
            restored.replaceRoot(root);
            assertThat(fixture.state(root)).isEqualTo(before);
            assertThat(fixture.configs(restored.anonymous)).isEqualTo(servedBefore);
            restored.anonymous.signIn("alice@example.com", TestServer.PASSWORD);
            List<JsonNode> audit = BackupFixture.audit(root);
            assertThat(audit.subList(0, auditBefore.size())).isEqualTo(auditBefore);
            assertThat(audit.stream().map(e -> e.get("action").asText()).toList()).contains("backup.create", "backup.restore");
        }
        BackupFixture.Cli verify = BackupFixture.cli(database, dataDir, settings, "audit", "verify");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Audit log intact");
    }

    static String decompressed(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int first = indexOf(bytes, 0);
        int second = indexOf(bytes, first + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, second + 1);
        try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, second + 1, bytes.length - second - 1 - 74))) {
            gzip.transferTo(out);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("no line end");
    }

    static void dropEverything(DatabaseSettings database) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(database.jdbcUrl().orElseThrow(), database.user().orElse(null),
                database.password().orElse(null)); var s = c.createStatement()) {
            s.execute("drop schema public cascade");
            s.execute("create schema public");
        }
    }

    static List<String> tables(DatabaseSettings database) throws Exception {
        List<String> tables = new java.util.ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(database.jdbcUrl().orElseThrow(), database.user().orElse(null),
                database.password().orElse(null)); var s = c.createStatement();
             var rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
