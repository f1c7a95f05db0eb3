package dev.vectorflow.app;

import dev.vectorflow.adapter.crypto.TimeOrderedIdGenerator;
import dev.vectorflow.adapter.http.ApiServices;
import dev.vectorflow.adapter.http.HttpApi;
import dev.vectorflow.adapter.http.HttpSettings;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.environment.CreateEnvironmentService;
import dev.vectorflow.ports.service.environment.DeleteEnvironmentService;
import dev.vectorflow.ports.service.environment.EnvironmentQueryService;
import dev.vectorflow.ports.service.environment.UpdateEnvironmentService;
import dev.vectorflow.ports.service.system.ReadinessService;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the server: builds the adapters, the services on them and the HTTP
 * server, by hand; starts them in order and stops them in reverse.
 */
public final class ServerApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApplication.class);

    private final PostgresStore store;
    private final Javalin http;
    private boolean stopped;

    private ServerApplication(PostgresStore store, Javalin http) {
        this.store = store;
        this.http = http;
    }

    /** Opens the database (embedded unless configured), applies the schema, starts HTTP. */
    public static ServerApplication start(ServerSettings settings) {
        PostgresStore store = PostgresStore.open(databaseSettings(settings), true);
        try {
            Clock clock = Clock.systemUTC();
            IdGenerator ids = new TimeOrderedIdGenerator(clock, new SecureRandom());
            Transactions tx = store.transactions();
            EnvironmentRepository environments = store.environments();
            ApiServices services = new ApiServices(
                    new ReadinessService(store.probe()),
                    new CreateEnvironmentService(tx, environments, ids, clock),
                    new UpdateEnvironmentService(tx, environments, clock),
                    new DeleteEnvironmentService(tx, environments),
                    new EnvironmentQueryService(tx, environments));
            HttpSettings http = new HttpSettings(settings.httpHost(), settings.httpPort(), settings.maxRequestBytes(),
                    settings.shutdownGrace(), Version.current());
            Javalin app = HttpApi.create(http, services).start();
            LOG.info("VectorFlow {} ready on http://{}:{} (database: {})", Version.current(),
                    displayHost(settings.httpHost()), app.port(), store.description());
            return new ServerApplication(store, app);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Applies the schema and stops: {@code vectorflow migrate}. */
    public static String migrate(ServerSettings settings) {
        try (PostgresStore store = PostgresStore.open(databaseSettings(settings), true)) {
            return store.description();
        }
    }

    static DatabaseSettings databaseSettings(ServerSettings settings) {
        return new DatabaseSettings(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword(),
                settings.embeddedDatabaseDirectory(), settings.databasePoolSize(), Duration.ofSeconds(5));
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }

    public int port() {
        return http.port();
    }

    /** Stops accepting, lets requests in flight finish, closes the pool, stops the embedded database. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping: finishing requests in flight");
        try {
            http.stop();
        } finally {
            store.close();
        }
        LOG.info("stopped");
    }
}
