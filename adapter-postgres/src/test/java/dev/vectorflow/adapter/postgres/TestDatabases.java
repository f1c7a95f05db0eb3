package dev.vectorflow.adapter.postgres;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.nio.file.Path;

/**
 * Test fixture: one PostgreSQL server per test JVM and a fresh, migrated database per call.
 * Without {@code VF_TEST_DATABASE_URL} the server is an embedded PostgreSQL 17; with it, the
 * databases are created on that server ({@code VF_TEST_DATABASE_USER}/{@code _PASSWORD} give the
 * credentials, which need the CREATEDB right). A server that cannot be reached fails the test.
 */
public final class TestDatabases {

    private static String adminUrl;
    private static String user;
    private static String password;

    private TestDatabases() {
    }

    /** Settings of a new, empty database (schema not yet applied). */
    public static synchronized DatabaseSettings freshDatabase() {
        if (adminUrl == null) {
            startServer();
        }
        String name = "vf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + adminUrl + ": " + e.getMessage(), e);
        }
        return new DatabaseSettings(Optional.of(withDatabase(adminUrl, name)), Optional.ofNullable(user),
                Optional.ofNullable(password), Path.of("unused"), 5, Duration.ofSeconds(10));
    }

    /** A store on a new database with the schema applied. */
    public static PostgresStore freshStore() {
        return PostgresStore.open(freshDatabase(), true);
    }

    private static void startServer() {
        String external = System.getenv("VF_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            user = System.getenv("VF_TEST_DATABASE_USER");
            password = System.getenv("VF_TEST_DATABASE_PASSWORD");
            return;
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        adminUrl = server.jdbcUrl("postgres");
        user = server.user();
        password = null;
    }

    /** Replaces the database name in a {@code jdbc:postgresql://host:port/db?params} URL. */
    static String withDatabase(String jdbcUrl, String database) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + query;
    }
}
