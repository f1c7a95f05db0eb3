package dev.vectorflow.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run as a child process, its cluster kept in a directory across restarts
 * (created by initdb on first start). Listens on loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "vectorflow";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on the cluster in {@code dataDirectory} (a throw-away one when null), and
     * creates the {@code vectorflow} database when it is missing.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * As {@link #start(Path)}, on {@code port} (0: any free port). A fixed port lets clients that keep the address (servers
     * under a fault harness) reach the same cluster after a restart.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                Path absolute = dataDirectory.toAbsolutePath().normalize();
                Files.createDirectories(absolute);
                // the library turns fsync and synchronous_commit off (fine for throw-away test clusters); data that is kept
                // must survive a crash of PostgreSQL or of the machine: a commit is acknowledged only once its WAL is flushed
                // to disk, and without fsync a power loss can leave the cluster itself unreadable, not just lose the last commits
                builder.setDataDirectory(absolute).setCleanDataDirectory(false)
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("fsync", "on")
                        // PostgreSQL's own default (128 MB) holds less than the nodes table and its indexes of a fleet of
                        // 100,000: every heartbeat flush then reads pages back from the OS and writes dirty ones itself
                        .setServerConfig("shared_buffers", sharedBuffersMegabytes(physicalMemoryBytes()) + "MB")
                        // fewer checkpoints under a steady heartbeat load (each one makes the next change of every page
                        // write the whole page to the WAL); WAL reaches this size only while writing that much
                        .setServerConfig("max_wal_size", "2GB");
            }
            long started = System.nanoTime();
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory);
            server.createDatabaseIfMissing(DATABASE);
            LOG.info("embedded PostgreSQL started on 127.0.0.1:{} in {} ms (data: {})", postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000, dataDirectory == null ? "temporary" : dataDirectory);
            return server;
        } catch (IOException | SQLException e) {
            throw new PersistenceFailure("Cannot start the embedded PostgreSQL"
                    + (dataDirectory == null ? "" : " with data in " + dataDirectory) + ": " + e.getMessage(), e);
        }
    }

    /** An eighth of the machine's memory for PostgreSQL's buffers, from 128 MB (its own default) to 2 GB. */
    static long sharedBuffersMegabytes(long physicalMemoryBytes) {
        long eighth = physicalMemoryBytes / 8 / (1024 * 1024);
        return Math.max(128, Math.min(2048, eighth));
    }

    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize(); // the container's limit where there is one
        }
        return 0;
    }

    /** Creates a database on this server unless it exists already. */
    public void createDatabaseIfMissing(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database \"" + name.replace("\"", "\"\"") + "\"");
        }
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
