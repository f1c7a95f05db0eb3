package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on an external PostgreSQL (VF_DATABASE_URL): an empty database gets its tables at start. */
class ExternalDatabaseTest {

    static ServerSettings settingsFor(DatabaseSettings database, Path dataDir) {
        return new ServerSettings("127.0.0.1", 0, dataDir, database.jdbcUrl(), database.user(), database.password(),
                4, "INFO", 1_048_576, Duration.ofSeconds(5));
    }

    @Test
    void givenEmptyExternalDatabase_startCreatesTheSchemaAndServes(@TempDir Path dataDir) throws Exception {
        DatabaseSettings empty = TestDatabases.freshDatabase();
        HttpClient http = HttpClient.newHttpClient();

        try (ServerApplication app = ServerApplication.start(settingsFor(empty, dataDir))) {
            String base = "http://127.0.0.1:" + app.port();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/environments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"external\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
        }
        // nothing embedded was started for an external database
        assertThat(dataDir.resolve("postgres")).doesNotExist();

        try (ServerApplication again = ServerApplication.start(settingsFor(empty, dataDir))) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.port() + "/api/environments")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.body()).contains("\"name\":\"external\"");
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
