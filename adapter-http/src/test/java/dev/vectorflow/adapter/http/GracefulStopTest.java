package dev.vectorflow.adapter.http;


import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.ApiTokenId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.in.backup.BackupQueries;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.identity.AuthenticateUseCase;
import dev.vectorflow.ports.in.identity.TeamQueries;
import dev.vectorflow.ports.in.system.Readiness;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class GracefulStopTest {

    /** The agent and fleet routes are declared but never called in these tests. */
    private static final AgentUseCases NO_AGENTS = new AgentUseCases(null, null, null, null, null, null);
    private static final FleetUseCases NO_FLEET = new FleetUseCases(null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    private static final String TOKEN = "vf_api_test";

    /** Knows one API token, of a team viewer. */
    private static final AuthenticateUseCase ONE_TOKEN = new AuthenticateUseCase() {
        @Override
        public Optional<SessionPrincipal> bySession(String sessionToken) {
            return Optional.empty();
        }

        @Override
        public Optional<Principal> byApiToken(String token) {
            return TOKEN.equals(token)
                    ? Optional.of(new Principal.TeamToken(new ApiTokenId(UUID.randomUUID()), "test", new TeamId(UUID.randomUUID()), Role.VIEWER))
                    : Optional.empty();
        }
    };

    private static final TeamQueries NO_TEAMS = new TeamQueries() {
        @Override
        public List<Team> listTeams(Principal viewer) {
            return List.of();
        }

        @Override
        public Team getTeam(TeamId id) throws NotFoundFailure {
            throw new NotFoundFailure("Team", id);
        }

        @Override
        public List<Member> members(TeamId id) {
            return List.of();
        }
    };

    @Test
    void stop_finishesTheRequestInFlightThenRefusesConnections() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        EnvironmentQueries slowQueries = new EnvironmentQueries() {
            @Override
            public List<Environment> listEnvironments(Principal viewer) {
                inHandler.countDown();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted while serving", e);
                }
                return List.of();
            }

            @Override
            public Environment getEnvironment(EnvironmentId id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<TeamId> owningTeam(EnvironmentId id) {
                return Optional.empty();
            }
        };
        ApiServices services = new ApiServices(() -> new Readiness(true, Map.of()), null, null, null, slowQueries,
                null, ONE_TOKEN, null, null, null, null, null, null, NO_TEAMS, null, null, null, null, null, null, null, null, null, NO_AGENTS,
                NO_FLEET, null, null, null, null, null, NO_BACKUPS,
                null, null, null, null, null, null, null, null, null,
                new dev.vectorflow.adapter.http.promotion.PromotionUseCases(null, null, null, null));
        Javalin app = HttpApi.create(new HttpSettings("127.0.0.1", 0, 1024, Duration.ofSeconds(10), "test"), services).start();
        int port = app.port();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/environments"))
                .header("Authorization", "Bearer " + TOKEN).build();

        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(list, HttpResponse.BodyHandlers.ofString());
        assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
        long stopStarted = System.nanoTime();
        HttpApi.stopGracefully(app, Duration.ofSeconds(10));
        long stopMillis = (System.nanoTime() - stopStarted) / 1_000_000;

        HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"items\":[]}");
        assertThat(stopMillis).as("stop waited for the request").isGreaterThanOrEqualTo(500);
        assertThat(refusesConnections(port)).isTrue();
    }

    /** A server on which no restore ever runs. */
    private static final BackupQueries NO_BACKUPS = new BackupQueries() {
        @Override
        public BackupOverview overview() {
            throw new UnsupportedOperationException("no backups here");
        }

        @Override
        public boolean restoreInProgress() {
            return false;
        }

        @Override
        public Optional<dev.vectorflow.ports.in.backup.RestoreStatus> lastRestore() {
            return Optional.empty();
        }
    };

    @Test
    void givenUnknownBearerToken_everyApiCallIs401_andHealthStaysPublic() throws Exception {
        ApiServices services = new ApiServices(() -> new Readiness(true, Map.of()), null, null, null, null,
                null, ONE_TOKEN, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, NO_AGENTS,
                NO_FLEET, null, null, null, null, null, NO_BACKUPS,
                null, null, null, null, null, null, null, null, null,
                new dev.vectorflow.adapter.http.promotion.PromotionUseCases(null, null, null, null));
        Javalin app = HttpApi.create(new HttpSettings("127.0.0.1", 0, 1024, Duration.ofSeconds(1), "test"), services).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/environments"))
                    .header("Authorization", "Bearer vf_api_wrong").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/environments"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            app.stop();
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException refused) {
            return true;
        }
    }
}
