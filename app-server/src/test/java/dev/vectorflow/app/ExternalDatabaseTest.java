package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.identity.Email;
import dev.vectorflow.core.identity.Password;
import dev.vectorflow.core.identity.PersonName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.HashMap;
import java.util.Map;

/** The server on an external PostgreSQL (VF_DATABASE_URL): an empty database gets its tables at start. */
class ExternalDatabaseTest {

    static ServerSettings settingsFor(DatabaseSettings database, Path dataDir) {
        return ServerSettings.fromEnvironment(environmentFor(database, dataDir));
    }

    /** The VF_* variables of a server on {@code database} (tests add their own on top). */
    static Map<String, String> environmentFor(DatabaseSettings database, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("VF_HTTP_PORT", "0");
        env.put("VF_DATA_DIR", dataDir.toString());
        env.put("VF_DATABASE_URL", database.jdbcUrl().orElseThrow());
        database.user().ifPresent(u -> env.put("VF_DATABASE_USER", u));
        database.password().ifPresent(p -> env.put("VF_DATABASE_PASSWORD", p));
        env.put("VF_DATABASE_POOL_SIZE", "4");
        env.put("VF_SHUTDOWN_GRACE_SECONDS", "5");
        return env;
    }

    @Test
    void givenEmptyExternalDatabase_startCreatesTheSchemaAndServes_andDataStaysAcrossRestarts(@TempDir Path dataDir) throws Exception {
        DatabaseSettings empty = TestDatabases.freshDatabase();
        String team;

        try (ServerApplication app = ServerApplication.start(settingsFor(empty, dataDir))) {
            app.services().setup.createPlatformAdmin(new Email("root@example.com"), new PersonName("Root"), new Password(TestServer.PASSWORD));
            ApiClient root = new ApiClient("http://127.0.0.1:" + app.port()).signIn("root@example.com", TestServer.PASSWORD);
            assertThat(root.get("/api/ready").status()).isEqualTo(200);
            team = root.postJson("/api/teams", ApiClient.json("name", "ops")).json().get("id").asText();
            assertThat(root.postJson("/api/teams/" + team + "/environments", ApiClient.json("name", "external")).status()).isEqualTo(201);
        }
        // nothing embedded was started for an external database
        assertThat(dataDir.resolve("postgres")).doesNotExist();

        try (ServerApplication again = ServerApplication.start(settingsFor(empty, dataDir))) {
            ApiClient root = new ApiClient("http://127.0.0.1:" + again.port()).signIn("root@example.com", TestServer.PASSWORD);
            assertThat(root.get("/api/environments").body()).contains("\"name\":\"external\"").contains(team);
        }
    }

    @Test
    void givenUnreachableDatabase_startFailsWithAClearMessage(@TempDir Path dataDir) throws Exception {
        int closed = ServerProcess.freePort();
        DatabaseSettings nowhere = new DatabaseSettings(Optional.of("jdbc:postgresql://127.0.0.1:" + closed + "/vf"),
                Optional.of("vf"), Optional.of("pw"), dataDir, 1, Duration.ofSeconds(1));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerApplication.start(settingsFor(nowhere, dataDir)))
                .hasMessageContaining("Cannot connect to the PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed + "/vf");
    }
}
