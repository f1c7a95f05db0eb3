package dev.vectorflow.adapter.http.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.http.AgentUseCases;
import dev.vectorflow.adapter.http.ApiServices;
import dev.vectorflow.adapter.http.FleetUseCases;
import dev.vectorflow.adapter.http.HttpApi;
import dev.vectorflow.adapter.http.HttpSettings;
import dev.vectorflow.ports.in.backup.BackupQueries;
import dev.vectorflow.ports.in.backup.RestoreStatus;
import dev.vectorflow.ports.in.system.Readiness;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** While a restore runs the server refuses work with 503 and Retry-After (agents wait and keep their pipelines), except its health. */
class RestoreGateTest {

    private static final class Restoring implements BackupQueries {
        volatile boolean restoring = true;

        @Override
        public BackupOverview overview() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean restoreInProgress() {
            return restoring;
        }

        @Override
        public Optional<RestoreStatus> lastRestore() {
            return Optional.empty();
        }
    }

    @Test
    void whileARestoreRuns_apiAndAgentCallsGet503WithRetryAfter_healthStillAnswers_andAfterwardsCallsGoThroughAgain() throws Exception {
        Restoring queries = new Restoring();
        ApiServices services = new ApiServices(() -> new Readiness(true, Map.of()), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new AgentUseCases(null, null, null, null, null, null),
                new FleetUseCases(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
                null, null, null, null, null, queries, null, null, null, null, null, null, null, null, null,
                new dev.vectorflow.adapter.http.promotion.PromotionUseCases(null, null, null, null));
        Javalin app = HttpApi.create(new HttpSettings("127.0.0.1", 0, 1024, Duration.ofSeconds(1), "test"), services).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port();
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/environments")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).contains("10");
            assertThat(api.body()).contains("A restore of the database is running");
            HttpResponse<String> agent = http.send(HttpRequest.newBuilder(URI.create(base + "/api/agent/heartbeat"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(agent.statusCode()).isEqualTo(503);
            assertThat(agent.headers().firstValue("Retry-After")).contains("10");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);

            queries.restoring = false;
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/environments")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
        } finally {
            app.stop();
        }
    }
}
