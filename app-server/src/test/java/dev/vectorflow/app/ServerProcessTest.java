package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real server process on an embedded PostgreSQL, as `./vectorflow server` does. */
class ServerProcessTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void embeddedServer_keepsDataAcrossRestartsAndStopsCleanlyOnSigterm(@TempDir Path work) throws Exception {
        Map<String, String> env = Map.of("VF_DATA_DIR", work.resolve("data").toString());

        try (ServerProcess first = ServerProcess.start(work, env)) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(first.url() + "/api/environments"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"kept-across-restarts\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            assertThat(first.terminate()).as("exit code after SIGTERM").isZero();
            String log = first.output();
            assertThat(log).contains("VF_HTTP_PORT = " + first.port).contains("embedded PostgreSQL stopped").contains("stopped");
        }
        assertThat(work.resolve("data/postgres/PG_VERSION")).exists();

        try (ServerProcess second = ServerProcess.start(work, env)) {
            HttpResponse<String> list = get(second.url() + "/api/environments");
            assertThat(list.body()).contains("kept-across-restarts");
            assertThat(get(second.url() + "/api/health").body()).contains("\"status\":\"UP\"");
            assertThat(second.terminate()).isZero();
        }
    }

    @Test
    void migrateAppliesTheSchemaAndExits(@TempDir Path work) throws Exception {
        Path log = work.resolve("migrate.log");
        Process migrate = ServerProcess.launch(work, log, Map.of("VF_DATA_DIR", work.resolve("data").toString()), "migrate");

        assertThat(migrate.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(migrate.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("Database schema is up to date");
    }

    @Test
    void givenInvalidSetting_theProcessExits78NamingTheVariable(@TempDir Path work) throws Exception {
        Path log = work.resolve("bad.log");
        Process server = ServerProcess.launch(work, log, Map.of("VF_DATABASE_URL", "mysql://db/vf"), "server");

        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(78);
        assertThat(Files.readString(log)).contains("VF_DATABASE_URL must be a PostgreSQL JDBC URL");
        assertThat(work.resolve("data")).doesNotExist();
    }
}
