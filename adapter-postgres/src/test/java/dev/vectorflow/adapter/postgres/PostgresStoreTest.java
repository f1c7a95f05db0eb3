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
    void withDatabaseReplacesOnlyTheDatabaseName() {
        assertThat(TestDatabases.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?sslmode=disable");
    }
}
