package dev.vectorflow.adapter.postgres.backup;

import dev.vectorflow.adapter.postgres.SchemaMigrations;
import dev.vectorflow.adapter.postgres.fleet.PostgresFleetChanges;
import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.backup.SchemaLevel;
import dev.vectorflow.core.backup.TableSummary;
import dev.vectorflow.core.failure.BackupRefusedFailure;
import dev.vectorflow.ports.out.backup.BackupStorageFailure;
import dev.vectorflow.ports.out.backup.DatabaseSnapshots;
import dev.vectorflow.ports.out.backup.VerifiedBackup;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import dev.vectorflow.ports.out.security.WrappedDataKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DatabaseSnapshots} on PostgreSQL through JDBC. A snapshot is every table read with {@code COPY ... TO STDOUT}
 * inside one {@code REPEATABLE READ, READ ONLY} transaction: one consistent view of the whole database while the server
 * keeps writing (readers and writers do not block each other), with no binary outside the JVM (the embedded
 * PostgreSQL's bundle has no {@code pg_dump}, and an external server's major version need not match any on this host).
 * A restore runs in one transaction on one connection: the tables are dropped, Liquibase rebuilds the schema at the
 * backup's level, {@code COPY ... FROM STDIN} loads the rows in foreign-key order, and Liquibase migrates on to this
 * build's level.
 */
public final class PostgresSnapshots implements DatabaseSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSnapshots.class);

    /** Operational state, and node_labels (derived from nodes by triggers, refilled as a restore loads nodes), that a backup never holds. */
    static final Set<String> NEVER_BACKED_UP = Set.of("databasechangelog", "databasechangeloglock", "job_leases", "sessions",
            "setup_tokens", "backup_runs", "oidc_pending_sign_ins", "oidc_sessions", "two_factor_challenges", "previews", "node_labels");
    /** Large and rebuildable or short-lived: metric rollups, pipeline logs, event samples (a backup may leave them out). */
    static final Set<String> TELEMETRY = Set.of("host_metrics_minute", "host_metrics_hour", "component_metrics_minute",
            "component_metrics_hour", "rollup_marks", "node_logs", "event_samples");
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] END_OF_TABLE_LINE = "\\.\n".getBytes(StandardCharsets.US_ASCII);

    private final DataSource pool;

    public PostgresSnapshots(DataSource pool) {
        this.pool = pool;
    }

    // ---- write

    @Override
    public BackupManifest write(Path file, SnapshotRequest request, Progress progress) {
        Path tables = file.resolveSibling(file.getFileName() + ".tables");
        try {
            Snapshot snapshot = snapshot(tables, request.includeTelemetry(), progress);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, request.vectorflowVersion(), snapshot.level,
                    snapshot.postgresVersion, request.createdAt(), request.createdBy(), request.trigger(), request.includeTelemetry(),
                    snapshot.excluded, snapshot.tables, snapshot.contentSha256);
            BackupFile.assemble(file, manifest, tables);
            return manifest;
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot write the backup file " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new PersistenceFailure("Reading the database for a backup failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tables);
            } catch (IOException ignored) {
                // a leftover in the staging directory, overwritten next time
            }
        }
    }

    private record Snapshot(SchemaLevel level, String postgresVersion, List<String> excluded, List<TableSummary> tables, String contentSha256) {
    }

    private Snapshot snapshot(Path target, boolean includeTelemetry, Progress progress) throws SQLException, IOException {
        try (Connection c = poolConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                sessionSettings(c);
                // the first query fixes the snapshot; every table below is read as of that moment
                SchemaLevel level = SchemaMigrations.levelOf(c);
                String version = single(c, "show server_version");
                List<String> all = tables(c);
                List<String> excluded = new ArrayList<>(new TreeSet<>(all.stream()
                        .filter(t -> NEVER_BACKED_UP.contains(t) || (!includeTelemetry && TELEMETRY.contains(t))).toList()));
                List<String> included = inDependencyOrder(c, all.stream().filter(t -> !excluded.contains(t)).toList());
                MessageDigest content = BackupFile.sha256();
                List<TableSummary> summaries = new ArrayList<>();
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16)) {
                    for (int i = 0; i < included.size(); i++) {
                        String table = included.get(i);
                        List<String> columns = columns(c, table);
                        TableDigestStream out = new TableDigestStream(gzip, content);
                        long rows = copy.copyOut("COPY " + quote(table) + " (" + quoted(columns) + ") TO STDOUT", out);
                        summaries.add(new TableSummary(table, columns, rows, HexFormat.of().formatHex(out.table.digest())));
                        gzip.write(END_OF_TABLE_LINE);
                        content.update(END_OF_TABLE_LINE);
                        progress.table(table, i + 1, included.size(), rows);
                    }
                }
                c.commit();
                return new Snapshot(level, version, excluded, summaries, HexFormat.of().formatHex(content.digest()));
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Passes a table's COPY output on, hashing it for the table and for the whole content. */
    private static final class TableDigestStream extends OutputStream {
        private final OutputStream target;
        private final MessageDigest content;
        final MessageDigest table = BackupFile.sha256();

        TableDigestStream(OutputStream target, MessageDigest content) {
            this.target = target;
            this.content = content;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            content.update(b, off, len);
            table.update(b, off, len);
        }

        @Override
        public void close() {
            // the gzip stream stays open for the next table
        }
    }

    // ---- verify

    @Override
    public VerifiedBackup verify(Path file) throws BackupRefusedFailure {
        try {
            String fileSha256 = BackupFile.verifyChecksum(file);
            try (BackupFile.Reader reader = BackupFile.open(file)) {
                BackupManifest manifest = reader.manifest;
                checkLineage(manifest, file);
                MessageDigest content = BackupFile.sha256();
                Map<String, List<List<String>>> keyRing = new LinkedHashMap<>();
                for (TableSummary table : manifest.tables()) {
                    MessageDigest digest = BackupFile.sha256();
                    boolean keep = table.name().equals("encryption_keys") || table.name().equals("key_ring_canary");
                    long rows = 0;
                    for (byte[] row; (row = reader.nextRow()) != null; rows++) {
                        digest.update(row);
                        digest.update(NEWLINE);
                        content.update(row);
                        content.update(NEWLINE);
                        if (keep && rows < 10_000) {
                            keyRing.computeIfAbsent(table.name(), t -> new ArrayList<>()).add(CopyText.fields(new String(row, StandardCharsets.UTF_8)));
                        }
                    }
                    content.update(END_OF_TABLE_LINE);
                    if (rows != table.rows() || !HexFormat.of().formatHex(digest.digest()).equals(table.sha256())) {
                        throw new BackupRefusedFailure(file.getFileName() + " is damaged: table " + table.name() + " holds " + rows
                                + " rows that do not match its manifest (" + table.rows() + " rows and their checksum). Nothing was changed.");
                    }
                }
                if (!reader.atEnd()) {
                    throw new BackupRefusedFailure(file.getFileName() + " is damaged: there is data after its last table.");
                }
                if (!HexFormat.of().formatHex(content.digest()).equals(manifest.contentSha256())) {
                    throw new BackupRefusedFailure(file.getFileName() + " is damaged: its content does not match the manifest's SHA-256.");
                }
                return keyRingOf(manifest, Files.size(file), fileSha256, keyRing);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BackupRefusedFailure(file.getFileName() + " is damaged: its table data cannot be read (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A backup of an older schema must come from this build's line of changesets (its last one is ours at that place). */
    private static void checkLineage(BackupManifest manifest, Path file) throws BackupRefusedFailure {
        List<String> ours = SchemaMigrations.buildChangesets();
        int theirs = manifest.schema().changesets();
        if (theirs > 0 && theirs <= ours.size() && !ours.get(theirs - 1).equals(manifest.schema().lastChangeset())) {
            throw new BackupRefusedFailure(file.getFileName() + " comes from a different schema: its changeset " + theirs + " is '"
                    + manifest.schema().lastChangeset() + "', this build's is '" + ours.get(theirs - 1) + "'.");
        }
    }

    private static VerifiedBackup keyRingOf(BackupManifest manifest, long bytes, String sha256, Map<String, List<List<String>>> rows) {
        List<WrappedDataKey> keys = new ArrayList<>();
        Optional<String> primary = Optional.empty();
        Optional<TableSummary> keyTable = manifest.table("encryption_keys");
        if (keyTable.isPresent()) {
            int id = keyTable.get().columns().indexOf("key_id");
            int wrapped = keyTable.get().columns().indexOf("wrapped_key");
            int isPrimary = keyTable.get().columns().indexOf("is_primary");
            for (List<String> row : rows.getOrDefault("encryption_keys", List.of())) {
                keys.add(new WrappedDataKey(row.get(id), row.get(wrapped)));
                if ("t".equals(row.get(isPrimary))) {
                    primary = Optional.of(row.get(id));
                }
            }
        }
        Optional<String> canary = manifest.table("key_ring_canary").flatMap(t -> {
            int envelope = t.columns().indexOf("envelope");
            return rows.getOrDefault("key_ring_canary", List.of()).stream().map(r -> r.get(envelope)).findFirst();
        });
        return new VerifiedBackup(manifest, bytes, sha256, keys, primary, canary);
    }

    @Override
    public BackupManifest readManifest(InputStream head) throws BackupRefusedFailure {
        try {
            return BackupFile.readHead(head, "The file");
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot read a backup's manifest: " + e.getMessage(), e);
        }
    }

    @Override
    public SchemaLevel buildSchema() {
        return SchemaMigrations.buildLevel();
    }

    @Override
    public boolean holdsSchema() {
        try (Connection c = poolConnection()) {
            return SchemaMigrations.levelOf(c).changesets() > 0;
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot look at the database: " + e.getMessage(), e);
        }
    }

    // ---- restore

    /** Attempts of a restore that lost a deadlock or a lock wait to a concurrent writer (it rolled back entirely each time). */
    private static final int RESTORE_ATTEMPTS = 5;

    @Override
    public void restore(Path file, VerifiedBackup backup, Progress progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                restoreOnce(file, backup, progress);
                return;
            } catch (RuntimeException e) {
                // the heartbeat writer may hold locks the drop needs while it waits for one the drop already took:
                // PostgreSQL breaks the deadlock by failing one side, and a restore that lost is simply run again
                Optional<SQLException> lost = transientLockFailure(e);
                if (attempt == RESTORE_ATTEMPTS || lost.isEmpty()) {
                    throw e;
                }
                LOG.warn("restore attempt {} lost a lock conflict ({}); trying again", attempt, lost.get().getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A deadlock, serialization failure or lock timeout behind {@code e}: nothing was changed and the same work may succeed now. */
    private static Optional<SQLException> transientLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && Set.of("40P01", "40001", "55P03").contains(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private void restoreOnce(Path file, VerifiedBackup backup, Progress progress) {
        BackupManifest manifest = backup.manifest();
        try (Connection c = poolConnection()) {
            c.setAutoCommit(false);
            try {
                sessionSettings(c);
                List<String> existing = tables(c);
                Map<String, List<String>> kept = new LinkedHashMap<>();
                for (String table : List.of("sessions", "backup_runs")) {
                    if (existing.contains(table)) {
                        kept.put(table, columns(c, table));
                        execute(c, "create temp table " + quote("vf_kept_" + table) + " on commit drop as select * from " + quote(table));
                    }
                }
                if (!existing.isEmpty()) {
                    execute(c, "drop table if exists " + String.join(", ", existing.stream().map(PostgresSnapshots::quote).toList()) + " cascade");
                }
                SchemaMigrations.applyWithin(c, manifest.schema().changesets());
                SchemaLevel rebuilt = SchemaMigrations.levelOf(c);
                if (!rebuilt.equals(manifest.schema())) {
                    throw new PersistenceFailure("Rebuilding the schema at the backup's level gave " + rebuilt + ", not " + manifest.schema(), null);
                }
                load(c, file, manifest, progress);
                resetIdentities(c);
                SchemaMigrations.applyWithin(c, null);
                for (Map.Entry<String, List<String>> table : kept.entrySet()) {
                    List<String> columns = new ArrayList<>(table.getValue());
                    columns.retainAll(columns(c, table.getKey()));
                    String list = quoted(columns);
                    execute(c, "insert into " + quote(table.getKey()) + " (" + list + ") select " + list + " from " + quote("vf_kept_" + table.getKey())
                            + (table.getKey().equals("sessions") ? " k where exists (select 1 from users u where u.id = k.user_id)" : ""));
                }
                try (PreparedStatement notice = c.prepareStatement("select pg_notify(?, ?)")) {
                    notice.setString(1, PostgresFleetChanges.CHANNEL);
                    notice.setString(2, PostgresFleetChanges.RESTORED);
                    notice.execute();
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (IOException e) {
            throw new BackupStorageFailure("Cannot read " + file + " while restoring it (nothing was changed): " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new PersistenceFailure("The restore failed and was rolled back (nothing was changed): " + e.getMessage(), e);
        }
    }

    private static void load(Connection c, Path file, BackupManifest manifest, Progress progress) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        byte[] chunk = new byte[1 << 16];
        try (BackupFile.Reader reader = BackupFile.open(file)) {
            int index = 0;
            for (TableSummary table : manifest.tables()) {
                CopyIn in = copy.copyIn("COPY " + quote(table.name()) + " (" + quoted(table.columns()) + ") FROM STDIN");
                try {
                    int filled = 0;
                    for (byte[] row; (row = reader.nextRow()) != null; ) {
                        if (filled + row.length + 1 > chunk.length) {
                            if (filled > 0) {
                                in.writeToCopy(chunk, 0, filled);
                                filled = 0;
                            }
                            if (row.length + 1 > chunk.length) {
                                in.writeToCopy(row, 0, row.length);
                                in.writeToCopy(NEWLINE, 0, 1);
                                continue;
                            }
                        }
                        System.arraycopy(row, 0, chunk, filled, row.length);
                        chunk[filled + row.length] = '\n';
                        filled += row.length + 1;
                    }
                    if (filled > 0) {
                        in.writeToCopy(chunk, 0, filled);
                    }
                    long rows = in.endCopy();
                    progress.table(table.name(), ++index, manifest.tables().size(), rows);
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
            }
        } catch (BackupRefusedFailure e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Identity columns continue after the highest restored value. */
    private static void resetIdentities(Connection c) throws SQLException {
        List<String[]> identities = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and (is_identity = 'YES' or column_default like 'nextval(%')""")) {
            while (rs.next()) {
                identities.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] identity : identities) {
            try (PreparedStatement p = c.prepareStatement("select setval(pg_get_serial_sequence(?, ?), coalesce((select max(" + quote(identity[1])
                    + ") from " + quote(identity[0]) + "), 0) + 1, false)")) {
                p.setString(1, quote(identity[0]));
                p.setString(2, identity[1]);
                p.execute();
            }
        }
    }

    // ---- catalog

    private Connection poolConnection() throws SQLException {
        return pool.getConnection();
    }

    private static void sessionSettings(Connection c) throws SQLException {
        execute(c, "set local timezone = 'UTC'");
        execute(c, "set local datestyle = 'ISO, YMD'");
        execute(c, "set local intervalstyle = 'iso_8601'");
        execute(c, "set local extra_float_digits = 3");
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = current_schema() order by tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER' order by ordinal_position""")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** Parents before children, so that rows load with every foreign key in force. */
    private static List<String> inDependencyOrder(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        tables.forEach(t -> parents.put(t, new LinkedHashSet<>()));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select child.relname, parent.relname from pg_constraint k
                join pg_class child on child.oid = k.conrelid join pg_class parent on parent.oid = k.confrelid
                join pg_namespace n on n.oid = child.relnamespace
                where k.contype = 'f' and n.nspname = current_schema()""")) {
            while (rs.next()) {
                String child = rs.getString(1);
                String parent = rs.getString(2);
                if (parents.containsKey(child) && parents.containsKey(parent) && !child.equals(parent)) {
                    parents.get(child).add(parent);
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < tables.size()) {
            boolean progressed = false;
            for (String table : tables) {
                if (!placed.contains(table) && placed.containsAll(parents.get(table))) {
                    ordered.add(table);
                    placed.add(table);
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new PersistenceFailure("The tables' foreign keys form a cycle; cannot order them for a backup", null);
            }
        }
        return ordered;
    }

    private static String single(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String quoted(List<String> identifiers) {
        return String.join(", ", identifiers.stream().map(PostgresSnapshots::quote).toList());
    }
}
