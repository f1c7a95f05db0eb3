package dev.vectorflow.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.net.ServerSocket;

class PostgresStoreTest {

    @Test
    void givenEmbeddedDataDirectory_dataSurvivesARestart(@TempDir Path dataDir) {
        DatabaseSettings settings = new DatabaseSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                dataDir.resolve("postgres"), 2, Duration.ofSeconds(10));
        Team team = new Team(new TeamId(UUID.randomUUID()), new TeamName("ops"), Instant.now(), Instant.now());
        Environment env = Environment.create(new EnvironmentId(UUID.randomUUID()), team.id(), new EnvironmentName("kept"), "", Instant.now());

        try (PostgresStore first = PostgresStore.open(settings, true)) {
            first.transactions().inTransaction(() -> { first.teams().insert(team); first.environments().insert(env); return null; });
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

        try (PostgresStore second = PostgresStore.open(settings, true)) {
            assertThat(second.transactions().inTransaction(() -> second.environments().findById(env.id()))).contains(env);
            assertThat(second.probe().problem()).isEmpty();
        }
    }

    @Test
    void migrationsRunTwiceWithoutChange() {
        try (PostgresStore store = TestDatabases.freshStore()) {
            store.migrate();
            store.migrate();
            assertThat(store.transactions().inTransaction(() -> store.environments().findAll())).isEmpty();
        }
    }

    @Test
    void givenNoServerAtTheUrl_openFailsWithAMessageNamingTheDatabase() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings settings = new DatabaseSettings(Optional.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing"),
                Optional.of("nobody"), Optional.of("secret-pw"), Path.of("unused"), 1, Duration.ofMillis(500));

        assertThatThrownBy(() -> PostgresStore.open(settings, true))
                .isInstanceOf(PersistenceFailure.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + closedPort + "/nothing")
                .hasMessageNotContaining("secret-pw");
    }

    @Test
    void settingsNeverPrintThePassword() {
        assertThat(DatabaseSettings.external("jdbc:postgresql://db/vf", "vf", "hunter2hunter2").toString())
                .doesNotContain("hunter2").contains("****");
        assertThatThrownBy(() -> DatabaseSettings.external("jdbc:mysql://db/vf", "vf", "x"))
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void givenClosedStore_probeReportsAProblem() {
        PostgresStore store = TestDatabases.freshStore();
        store.close();
        assertThat(store.probe().problem()).isPresent();
    }

    @Test
    void givenTheDatabaseStopsUnderAnOpenStore_theProbeSaysSoWithinASecond_andAnswersAgainByItselfOnceItIsBack(@TempDir Path dir)
            throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"), port);
        // the main pool waits 5 s for a connection, as the server's does
        DatabaseSettings settings = new DatabaseSettings(Optional.of(server.jdbcUrl("postgres")), Optional.of(server.user()), Optional.empty(),
                Path.of("unused"), 2, Duration.ofSeconds(5));
        try (PostgresStore store = PostgresStore.open(settings, false)) {
            assertThat(store.probe().problem()).isEmpty();
            try (var c = java.sql.DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
                 var rs = c.createStatement().executeQuery("show synchronous_commit")) {
                rs.next();
                assertThat(rs.getString(1)).as("a kept cluster acknowledges a commit once its WAL is on disk").isEqualTo("on");
            }
            try (var c = java.sql.DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
                 var rs = c.createStatement().executeQuery("show fsync")) {
                rs.next();
                assertThat(rs.getString(1)).as("a kept cluster flushes its writes to disk (a power loss must not corrupt it)").isEqualTo("on");
            }
            try (var c = java.sql.DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
                 var rs = c.createStatement().executeQuery("select current_setting('shared_buffers'), current_setting('max_wal_size')")) {
                rs.next();
                long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize();
                long megabytes = EmbeddedPostgresServer.sharedBuffersMegabytes(memory);
                assertThat(rs.getString(1)).as("an eighth of the machine's memory")
                        .isEqualTo(megabytes % 1024 == 0 ? megabytes / 1024 + "GB" : megabytes + "MB");
                assertThat(rs.getString(2)).isEqualTo("2GB");
            }
            server.close();

            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Optional<String> problem = store.probe().problem();
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(problem).as("check %d while the database is down", i).isPresent();
                assertThat(seconds).as("check %d answered in %.2f s", i, seconds).isLessThan(1.5);
            }

            server = EmbeddedPostgresServer.start(dir.resolve("pg"), port);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.probe().problem().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(store.probe().problem()).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void theBuffersOfAKeptClusterAreAnEighthOfTheMemory_from128MbTo2Gb() {
        long gigabyte = 1024L * 1024 * 1024;
        assertThat(EmbeddedPostgresServer.sharedBuffersMegabytes(24 * gigabyte)).isEqualTo(2048);
        assertThat(EmbeddedPostgresServer.sharedBuffersMegabytes(4 * gigabyte)).isEqualTo(512);
        assertThat(EmbeddedPostgresServer.sharedBuffersMegabytes(gigabyte / 2)).as("PostgreSQL's own default at least").isEqualTo(128);
        assertThat(EmbeddedPostgresServer.sharedBuffersMegabytes(0)).as("memory unknown").isEqualTo(128);
    }

    @Test
    void givenEveryConnectionOfThePoolIsBusy_theProbeStillSaysTheDatabaseAnswers_atOnce() throws Exception {
        DatabaseSettings fresh = TestDatabases.freshDatabase();
        DatabaseSettings two = new DatabaseSettings(fresh.jdbcUrl(), fresh.user(), fresh.password(), Path.of("unused"), 2, Duration.ofSeconds(5));
        try (PostgresStore store = PostgresStore.open(two, true)) {
            // the transactions hold their connections from their first statement on
            try (var busy = BusyConnections.hold(store.transactions(), 2, () -> store.environments().findAll())) {
                long started = System.nanoTime();
                Optional<String> problem = store.probe().problem();
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(problem).isEmpty();
                assertThat(seconds).as("answered in %.2f s", seconds).isLessThan(1.0);
            }
        }
    }

    @Test
    void withDatabaseReplacesOnlyTheDatabaseName() {
        assertThat(TestDatabases.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?sslmode=disable");
    }
}
