package dev.vectorflow.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.system.Readiness;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @Test
    void stop_finishesTheRequestInFlightThenRefusesConnections() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        EnvironmentQueries slowQueries = new EnvironmentQueries() {
            @Override
            public List<Environment> listEnvironments() {
                inHandler.countDown();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted while serving", e);
                }
                return List.of();
            }

            @Override
            public Environment getEnvironment(EnvironmentId id) throws NotFoundFailure {
                throw new NotFoundFailure("Environment", id);
            }
        };
        ApiServices services = new ApiServices(
                () -> new Readiness(true, Map.of()), null, null, null, slowQueries);
        Javalin app = HttpApi.create(new HttpSettings("127.0.0.1", 0, 1024, Duration.ofSeconds(10), "test"), services).start();
        int port = app.port();
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);

        CompletableFuture<ApiClient.Answer> inFlight = CompletableFuture.supplyAsync(() -> api.get("/api/environments"));
        assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
        long stopStarted = System.nanoTime();
        app.stop();
        long stopMillis = (System.nanoTime() - stopStarted) / 1_000_000;

        ApiClient.Answer answer = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("items")).isEmpty();
        assertThat(stopMillis).as("stop waited for the request").isGreaterThanOrEqualTo(500);
        assertThat(refusesConnections(port)).isTrue();
    }

    private static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return true;
        }
    }
}
