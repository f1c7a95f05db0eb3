package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the database cannot be reached, requests that need it are answered 503 with Retry-After at once (after the
 * first has waited for a connection), not after the pool's wait each; once it is back they are served again.
 */
class DatabaseOutageTest {

    /** Well formed, known to nobody: the server has to ask the database about it. */
    private static final String UNKNOWN_NODE = "vf_node_" + "0123456789abcdef" + "_" + "ab".repeat(32);

    @Test
    void givenTheDatabaseStops_whenAgentsCall_thenTheyGet503WithRetryAfterAtOnce_andServiceReturnsWithTheDatabase(@TempDir Path dir)
            throws Exception {
        int port = ServerProcess.freePort();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), port);
        DatabaseSettings database = new DatabaseSettings(Optional.of(postgres.jdbcUrl("postgres")), Optional.of(postgres.user()),
                Optional.empty(), dir.resolve("unused"), 4, Duration.ofSeconds(3));
        try (ServerApplication app = ServerApplication.start(ExternalDatabaseTest.settingsFor(database, dir.resolve("data")))) {
            ApiClient agent = new ApiClient("http://127.0.0.1:" + app.port()).withBearer(UNKNOWN_NODE);
            assertThat(agent.postJson("/api/agent/heartbeat", "{}").status()).isEqualTo(401);

            postgres.close();
            ApiClient.Answer first = agent.postJson("/api/agent/heartbeat", "{}");
            assertThat(first.status()).isEqualTo(503);
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                ApiClient.Answer next = agent.postJson("/api/agent/heartbeat", "{}");
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(next.status()).as("call %d while the database is down", i).isEqualTo(503);
                assertThat(next.raw().headers().firstValue("Retry-After")).contains("5");
                assertThat(next.body()).contains("The database cannot be reached");
                assertThat(millis).as("call %d answered in %d ms", i, millis).isLessThan(1_000);
            }

            postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), port);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && (status = agent.postJson("/api/agent/heartbeat", "{}").status()) != 401) {
                Thread.sleep(200);
            }
            assertThat(status).as("served again once the database is back").isEqualTo(401);
        } finally {
            postgres.close();
        }
    }
}
