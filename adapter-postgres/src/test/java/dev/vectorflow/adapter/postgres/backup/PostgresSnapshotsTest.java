package dev.vectorflow.adapter.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.SchemaMigrations;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.BackupTrigger;
import dev.vectorflow.core.backup.SchemaLevel;
import dev.vectorflow.core.failure.BackupRefusedFailure;
import dev.vectorflow.ports.out.backup.DatabaseSnapshots;
import dev.vectorflow.ports.out.backup.DatabaseSnapshots.SnapshotRequest;
import dev.vectorflow.ports.out.backup.VerifiedBackup;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots, verification and restores on real PostgreSQL databases. */
class PostgresSnapshotsTest {

    private static final String TEAM = "0190a000-0000-7000-8000-000000000001";
    private static final String ENV = "0190a000-0000-7000-8000-000000000002";
    private static final String PIPELINE = "0190a000-0000-7000-8000-000000000003";
    private static final String NODE = "0190a000-0000-7000-8000-000000000004";
    private static final String USER = "0190a000-0000-7000-8000-000000000005";

    @TempDir
    Path dir;

    private static SnapshotRequest request(boolean telemetry) {
        return new SnapshotRequest("1.2.3-test", Instant.parse("2026-12-06T03:00:00Z"), "user:ops@example.com", BackupTrigger.MANUAL, telemetry);
    }

    @Test
    void givenRowsInEveryKindOfTable_aBackupRestoredIntoAnEmptyDatabase_holdsTheSameRows() throws Exception {
        try (PostgresStore source = TestDatabases.freshStore()) {
            DatabaseSettings sourceDb = settingsOf(source);
            fill(sourceDb);
            Path file = dir.resolve("full.vfbackup");
            BackupManifest manifest = source.snapshots().write(file, request(true), DatabaseSnapshots.Progress.NONE);

            assertThat(manifest.schema()).isEqualTo(SchemaMigrations.buildLevel());
            assertThat(manifest.schema().changesets()).isEqualTo(SchemaMigrations.buildLevel().changesets()).isGreaterThanOrEqualTo(12);
            assertThat(manifest.postgresVersion()).startsWith("17");
            assertThat(manifest.rowsByTable()).containsEntry("pipeline_versions", 2L).containsEntry("audit_log", 2L)
                    .containsEntry("node_logs", 3L).containsEntry("host_metrics_minute", 1L);
            assertThat(manifest.excludedTables()).contains("sessions", "job_leases", "backup_runs", "databasechangelog", "previews");
            assertThat(manifest.tables().stream().map(t -> t.name()).toList()).doesNotContain("sessions", "backup_runs", "previews");
            try (var head = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), java.nio.charset.StandardCharsets.UTF_8))) {
                assertThat(head.readLine()).isEqualTo("VECTORFLOW-BACKUP 1");
            }

            DatabaseSettings emptyDb = TestDatabases.freshDatabase();
            try (PostgresStore target = PostgresStore.open(emptyDb, false)) {
                DatabaseSnapshots snapshots = target.snapshots();
                assertThat(snapshots.holdsSchema()).isFalse();
                VerifiedBackup verified = snapshots.verify(file);
                assertThat(verified.primaryKeyId()).contains("k1");
                assertThat(verified.canary()).contains("canary-envelope");
                assertThat(verified.dataKeys()).hasSize(2);
                List<String> restored = new ArrayList<>();
                snapshots.restore(file, verified, (table, index, total, rows) -> restored.add(table + ":" + rows));

                assertThat(restored).contains("pipelines:1", "pipeline_versions:2", "node_logs:3");
                for (String table : manifest.rowsByTable().keySet()) {
                    assertThat(rows(emptyDb, table)).as(table).isEqualTo(rows(sourceDb, table));
                }
                assertThat(SchemaMigrations.buildLevel()).isEqualTo(level(emptyDb));
                // node_labels is not in the backup: the triggers of nodes refilled it as the restore loaded the nodes
                assertThat(manifest.excludedTables()).contains("node_labels");
                assertThat(rows(emptyDb, "node_labels")).hasSize(2).isEqualTo(rows(sourceDb, "node_labels"));
                // identity columns continue after the restored rows
                execute(emptyDb, "insert into node_logs (node_id, pipeline_id, at, line) values ('" + NODE + "', '" + PIPELINE + "', now(), 'next')");
                assertThat(rows(emptyDb, "node_logs")).hasSize(4);
            }
        }
    }

    @Test
    void aBackupWithoutTelemetry_leavesRollupsLogsAndSamplesOut_andTheRestoreLeavesThemEmpty() throws Exception {
        try (PostgresStore source = TestDatabases.freshStore()) {
            fill(settingsOf(source));
            Path file = dir.resolve("lean.vfbackup");
            BackupManifest manifest = source.snapshots().write(file, request(false), DatabaseSnapshots.Progress.NONE);

            assertThat(manifest.telemetryIncluded()).isFalse();
            assertThat(manifest.excludedTables()).contains("host_metrics_minute", "node_logs", "event_samples", "rollup_marks");
            assertThat(manifest.rowsByTable()).containsKey("nodes").doesNotContainKey("node_logs");

            DatabaseSettings other = TestDatabases.freshDatabase();
            try (PostgresStore target = PostgresStore.open(other, true)) {
                target.snapshots().restore(file, target.snapshots().verify(file), DatabaseSnapshots.Progress.NONE);
                assertThat(rows(other, "nodes")).hasSize(1);
                assertThat(rows(other, "node_logs")).isEmpty();
                assertThat(rows(other, "host_metrics_minute")).isEmpty();
            }
        }
    }

    @Test
    void aFlippedByteATruncatedFileOrAnotherFile_areRefusedWithAClearReason() throws Exception {
        try (PostgresStore source = TestDatabases.freshStore()) {
            fill(settingsOf(source));
            Path file = dir.resolve("good.vfbackup");
            source.snapshots().write(file, request(true), DatabaseSnapshots.Progress.NONE);
            byte[] bytes = Files.readAllBytes(file);

            for (int position : new int[] {5, bytes.length / 2, bytes.length - 30}) {
                Path flipped = dir.resolve("flipped-" + position + ".vfbackup");
                Files.write(flipped, bytes);
                try (RandomAccessFile raf = new RandomAccessFile(flipped.toFile(), "rw")) {
                    raf.seek(position);
                    raf.write(bytes[position] ^ 0x01);
                }
                assertThatThrownBy(() -> source.snapshots().verify(flipped)).as("byte %d flipped", position)
                        .isInstanceOf(BackupRefusedFailure.class).hasMessageContaining("damaged");
            }
            Path truncated = dir.resolve("truncated.vfbackup");
            Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
            assertThatThrownBy(() -> source.snapshots().verify(truncated)).isInstanceOf(BackupRefusedFailure.class)
                    .hasMessageContaining("cut short");
            Path other = dir.resolve("notes.vfbackup");
            Files.writeString(other, "these are my notes, not a backup at all, but long enough to have a trailer ".repeat(3));
            assertThatThrownBy(() -> source.snapshots().verify(other)).isInstanceOf(BackupRefusedFailure.class);
            assertThat(source.snapshots().verify(file).manifest().totalRows()).isPositive();
        }
    }

    @Test
    void theManifestIsPlainTextAtTheHead_andTheTablesAreCompressed() throws Exception {
        try (PostgresStore source = TestDatabases.freshStore()) {
            fill(settingsOf(source));
            Path file = dir.resolve("head.vfbackup");
            source.snapshots().write(file, request(true), DatabaseSnapshots.Progress.NONE);
            try (var in = Files.newInputStream(file)) {
                BackupManifest head = source.snapshots().readManifest(in);
                assertThat(head.createdBy()).isEqualTo("user:ops@example.com");
                assertThat(head.vectorflowVersion()).isEqualTo("1.2.3-test");
            }
            String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).contains("\"contentSha256\"").doesNotContain("a line of the log");
            assertThat(text).containsPattern("\nSHA-256 [0-9a-f]{64}\n$");
        }
    }

    @Test
    void aBackupOfAnOlderSchema_isRestoredAtItsLevelAndMigratedForward() throws Exception {
        DatabaseSettings old = TestDatabases.freshDatabase();
        try (Connection c = connect(old)) {
            c.setAutoCommit(false);
            SchemaMigrations.applyWithin(c, 1);
            c.commit();
        }
        execute(old, "insert into environments (id, name, name_key, description, created_at, updated_at) values ('" + ENV
                + "', 'legacy', 'legacy', '', now(), now())");
        Path file = dir.resolve("old.vfbackup");
        try (PostgresStore store = PostgresStore.open(old, false)) {
            BackupManifest manifest = store.snapshots().write(file, request(true), DatabaseSnapshots.Progress.NONE);
            assertThat(manifest.schema()).isEqualTo(new SchemaLevel(1, "001-environments"));
        }
        try (PostgresStore current = TestDatabases.freshStore()) {
            DatabaseSettings db = settingsOf(current);
            fill(db);
            current.snapshots().restore(file, current.snapshots().verify(file), DatabaseSnapshots.Progress.NONE);

            assertThat(level(db)).isEqualTo(SchemaMigrations.buildLevel());
            // the changeset that moved environments into teams ran on the restored rows
            assertThat(rows(db, "environments")).singleElement().asString().contains("legacy").contains("00000000-0000-7000-8000-000000000001");
            assertThat(rows(db, "teams")).singleElement().asString().contains("Default");
            assertThat(rows(db, "pipelines")).isEmpty();
        }
    }

    @Test
    void aRestoreOverAnExistingDatabase_keepsSessionsOfUsersThatStillExist_andTheRecordOfBackupRuns() throws Exception {
        try (PostgresStore store = TestDatabases.freshStore()) {
            DatabaseSettings db = settingsOf(store);
            fill(db);
            Path file = dir.resolve("before.vfbackup");
            store.snapshots().write(file, request(true), DatabaseSnapshots.Progress.NONE);
            String ghost = "0190a000-0000-7000-8000-0000000000ff";
            execute(db, "insert into users (id, email, name, password_hash, platform_admin, must_change_password, created_at, updated_at)"
                    + " values ('" + ghost + "', 'late@example.com', 'Late', 'x', false, false, now(), now())");
            execute(db, "insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, source_address, user_agent)"
                    + " values ('kept', '" + USER + "', 'c', now(), now(), now() + interval '1 hour', '', ''),"
                    + " ('gone', '" + ghost + "', 'c', now(), now(), now() + interval '1 hour', '', '')");
            execute(db, "insert into backup_runs (id, name, trigger, status, started_at, created_by, target, telemetry_included, bytes, sha256, table_rows)"
                    + " values (gen_random_uuid(), 'vectorflow-x.vfbackup', 'MANUAL', 'FAILED', now(), 'cli', 'dir', false, 0, '', '{}')");
            execute(db, "delete from pipeline_versions");

            store.snapshots().restore(file, store.snapshots().verify(file), DatabaseSnapshots.Progress.NONE);

            assertThat(rows(db, "pipeline_versions")).hasSize(2);
            assertThat(rows(db, "users")).noneMatch(u -> u.contains("late@example.com"));
            assertThat(rows(db, "sessions")).singleElement().asString().startsWith("(kept,");
            assertThat(rows(db, "backup_runs")).singleElement().asString().contains("vectorflow-x.vfbackup");
        }
    }

    @Test
    void aBackupFromAnotherLineOfChangesets_isRefused() throws Exception {
        try (PostgresStore source = TestDatabases.freshStore()) {
            Path file = dir.resolve("good.vfbackup");
            BackupManifest manifest = source.snapshots().write(file, request(true), DatabaseSnapshots.Progress.NONE);
            Path forked = dir.resolve("forked.vfbackup");
            String last = manifest.schema().lastChangeset();
            String json = ManifestJson.write(manifest);
            assertThat(json).contains("\"lastChangeset\":\"" + last + "\"");
            rewriteManifest(file, forked, json.replace("\"lastChangeset\":\"" + last + "\"", "\"lastChangeset\":\"006-something-else\""));

            assertThatThrownBy(() -> source.snapshots().verify(forked)).isInstanceOf(BackupRefusedFailure.class)
                    .hasMessageContaining("different schema").hasMessageContaining("006-something-else");
        }
    }

    /** Writes a copy of a backup with another manifest and a valid checksum (as a newer or foreign build would). */
    static void rewriteManifest(Path from, Path to, String manifestJson) throws Exception {
        byte[] bytes = Files.readAllBytes(from);
        int first = indexOf(bytes, 0);
        int second = indexOf(bytes, first + 1);
        Path tables = to.resolveSibling(to.getFileName() + ".tables");
        Files.write(tables, java.util.Arrays.copyOfRange(bytes, second + 1, bytes.length - BackupFile.TRAILER_BYTES));
        BackupFile.assemble(to, ManifestJson.read(manifestJson), tables);
        Files.delete(tables);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("no line end");
    }

    // ---- fixtures

    private static void fill(DatabaseSettings db) throws SQLException {
        execute(db, "insert into teams (id, name, name_key, created_at, updated_at) values ('" + TEAM + "', 'ops', 'ops', now(), now())");
        execute(db, "insert into environments (id, name, name_key, description, created_at, updated_at, team_id) values ('" + ENV
                + "', 'prod', 'prod', 'tab\there, newline\nthere, backslash \\ too', now(), now(), '" + TEAM + "')");
        execute(db, "insert into users (id, email, name, password_hash, platform_admin, must_change_password, created_at, updated_at)"
                + " values ('" + USER + "', 'ops@example.com', 'Öps Ünicode ✓', '$argon2id$x', true, false, now(), now())");
        execute(db, "insert into team_memberships (team_id, user_id, role) values ('" + TEAM + "', '" + USER + "', 'ADMIN')");
        execute(db, "insert into encryption_keys (key_id, wrapped_key, is_primary, created_at) values ('k0', 'wrapped-0', false, now()),"
                + " ('k1', 'wrapped-1', true, now())");
        execute(db, "insert into key_ring_canary (id, envelope) values (1, 'canary-envelope')");
        execute(db, "insert into secrets (id, environment_id, name, description, envelope, created_by, created_at, updated_by, updated_at)"
                + " values (gen_random_uuid(), '" + ENV + "', 'db', '', 'v1.k1.sealed', 'u', now(), 'u', now())");
        execute(db, "insert into pipelines (id, environment_id, name, name_key, description, draft_graph, created_by, created_at, updated_by, updated_at)"
                + " values ('" + PIPELINE + "', '" + ENV + "', 'p', 'p', '', '{\"components\":[]}', 'u', now(), 'u', now())");
        execute(db, "insert into pipeline_versions (pipeline_id, number, graph, config_yaml, checksum, author, message, created_at)"
                + " values ('" + PIPELINE + "', 1, '{}', 'sources: {}\n', 'c1', 'u', 'first', now()), ('" + PIPELINE
                + "', 2, '{}', 'sinks: {}\n', 'c2', 'u', 'second', now())");
        execute(db, "insert into deployments (pipeline_id, environment_id, version, selector, deployed_at, deployed_by) values ('" + PIPELINE
                + "', '" + ENV + "', 2, '{}', now(), 'u')");
        execute(db, "insert into nodes (id, environment_id, token_lookup, token_hash, token_revoked, hostname, os, agent_version, vector_version,"
                + " deployment_mode, agent_labels, user_labels, maintenance, status, status_reason, enrolled_at, update_error) values ('" + NODE
                + "', '" + ENV + "', 'lookup1', 'hash', false, 'edge-1', 'linux', '1', '0.57', 'STANDALONE', '{\"zone\":\"eu\"}', '{\"tier\":\"gold\"}', false, 'HEALTHY', '', now(), '')");
        execute(db, "insert into node_logs (node_id, pipeline_id, at, line) select '" + NODE + "', '" + PIPELINE
                + "', now(), 'a line of the log ' || g from generate_series(1, 3) g");
        execute(db, "insert into host_metrics_minute (node_id, at, samples, cpu_percent) values ('" + NODE + "', now(), 1, 0.125)");
        execute(db, "insert into audit_log (sequence, occurred_at, actor_label, actor_id, source_address, user_agent, action, entity_type,"
                + " entity_id, team_id, changes, previous_hash, hash) values (1, now(), 'cli', '', '', '', 'a', 'e', '1', '', '{}', 'g', 'h1'),"
                + " (2, now(), 'cli', '', '', '', 'b', 'e', '2', '', '{}', 'h1', 'h2')");
    }

    private static DatabaseSettings settingsOf(PostgresStore store) throws Exception {
        java.lang.reflect.Field url = PostgresStore.class.getDeclaredField("jdbcUrl");
        url.setAccessible(true);
        java.lang.reflect.Field user = PostgresStore.class.getDeclaredField("user");
        user.setAccessible(true);
        return DatabaseSettings.external((String) url.get(store), (String) user.get(store), null);
    }

    private static Connection connect(DatabaseSettings db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl().orElseThrow(), db.user().orElse(null), db.password().orElse(null));
    }

    private static void execute(DatabaseSettings db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every row of a table as text, in a stable order. */
    private static List<String> rows(DatabaseSettings db, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select t::text from \"" + table + "\" t order by 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static SchemaLevel level(DatabaseSettings db) throws SQLException {
        try (Connection c = connect(db)) {
            return SchemaMigrations.levelOf(c);
        }
    }
}
