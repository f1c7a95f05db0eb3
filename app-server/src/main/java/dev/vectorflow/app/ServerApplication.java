package dev.vectorflow.app;

import dev.vectorflow.adapter.http.HttpApi;
import dev.vectorflow.adapter.http.HttpSettings;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.notify.GuardedNotificationSender;
import dev.vectorflow.adapter.postgres.DatabaseSettings;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.core.settings.SettingsCatalog;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.alert.NotificationSender;
import dev.vectorflow.ports.service.backup.BackupJobs;
import dev.vectorflow.ports.service.fleet.StoredFleetTuning;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import dev.vectorflow.ports.service.rollout.RolloutEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The composition root of the server: builds the adapters, the services on them and the HTTP
 * server, by hand; starts them in order and stops them in reverse.
 */
public final class ServerApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApplication.class);

    private final PostgresStore store;
    private final Javalin http;
    private final ServerComposition services;
    private final List<ApiRoutes.Route> routes;
    private final Duration grace;
    private final FleetScheduler scheduler;
    private boolean stopped;

    private ServerApplication(PostgresStore store, Javalin http, ServerComposition services, List<ApiRoutes.Route> routes, Duration grace,
                              FleetScheduler scheduler) {
        this.scheduler = scheduler;
        this.grace = grace;
        this.store = store;
        this.http = http;
        this.services = services;
        this.routes = List.copyOf(routes);
    }

    /** The services behind the API (for the command line and tests). */
    ServerComposition services() {
        return services;
    }

    /** Every API route with its access rule. */
    List<ApiRoutes.Route> routes() {
        return routes;
    }

    /** Opens the database (embedded unless configured), applies the schema, starts HTTP; alerts go out through adapter-notify. */
    public static ServerApplication start(ServerSettings settings) {
        return start(settings, new GuardedNotificationSender(Clock.systemUTC()));
    }

    /**
     * Opens the database (embedded unless configured), applies the schema, starts HTTP.
     *
     * @param notificationSender what delivers alert notifications (webhooks, Slack, Teams, PagerDuty, e-mail)
     */
    public static ServerApplication start(ServerSettings settings, NotificationSender notificationSender) {
        return start(settings, notificationSender, AlertComposition.Timings.DEFAULT);
    }

    /** As {@link #start(ServerSettings, NotificationSender)} with other alert timings (tests shorten them). */
    static ServerApplication start(ServerSettings settings, NotificationSender notificationSender, AlertComposition.Timings alertTimings) {
        Clock clock = Clock.systemUTC();
        PostgresStore store = PostgresStore.open(databaseSettings(settings), true, clock);
        try {
            ServerComposition services = new ServerComposition(store, clock, settings, notificationSender, alertTimings);
            SettingsSnapshot effective = services.settingsStore.current();
            List<InvalidValueException> invalid = effective.crossFieldProblems();
            if (!invalid.isEmpty()) {
                throw new InvalidSettingException("The settings do not fit together: " + invalid.stream()
                        .map(p -> SettingsCatalog.get(p.field()).environmentVariable() + " " + p.problem()).collect(java.util.stream.Collectors.joining("; ")));
            }
            LOG.info("settings (environment > stored > default):");
            effective.describe().forEach(line -> LOG.info("  {}", line));
            services.settingsStore.unusableStoredValues().forEach(key -> LOG.warn("the stored value of {} is not usable (any more); its default applies", key));
            Supplier<SettingsSnapshot> current = services.settingsStore::current;
            HttpSettings http = new HttpSettings(settings.httpHost(), settings.httpPort(), settings.maxRequestBytes(),
                    settings.shutdownGrace(), Version.current(), settings.trustProxyHeaders(),
                    () -> current.get().wholeInt(SettingsCatalog.AGENT_RATE_LIMIT), () -> current.get().wholeInt(SettingsCatalog.ENROLL_RATE_LIMIT));
            if (!services.fleetChanges.awaitListening(Duration.ofSeconds(10))) {
                LOG.warn("fleet change notices are not received yet; caches may be stale until they are");
            }
            long warming = System.nanoTime();
            int known = services.fleetCacheWarmUp.warmUp();
            if (known > 0) {
                LOG.info("fleet cache warmed with {} nodes in {} ms", known, (System.nanoTime() - warming) / 1_000_000);
            }
            // made before listening, so the link is in the log by the time the server answers
            Optional<String> setupToken = services.setup.prepareSetupToken();
            List<ApiRoutes.Route> routes = new ArrayList<>();
            Javalin app = HttpApi.create(http, services.api, clock, routes).start();
            String base = current.get().optionalText(SettingsCatalog.PUBLIC_URL).orElse("http://" + displayHost(settings.httpHost()) + ":" + app.port());
            LOG.info("VectorFlow {} ready on {} (database: {})", Version.current(), base, store.description());
            setupToken.ifPresent(token -> LOG.warn("""

                    ====================================================================
                     No user exists yet. Create the first platform admin here (one-time link, valid 24 h):
                       {}/setup?token={}
                     or on this host: ./vectorflow admin create
                    ====================================================================""", base, token));
            BackupJobs backupJobs = new BackupJobs(services.backups.service);
            List<FleetScheduler.Job> moreJobs = new ArrayList<>(List.of(new FleetScheduler.Job(BackupJobs.SCHEDULE, Duration.ofSeconds(15),
                    backupJobs::runIfDue)));
            moreJobs.addAll(services.alerts.jobs());
            moreJobs.add(new FleetScheduler.Job(RolloutEngine.JOB, () -> rolloutEvery, () -> services.rollouts.advance()));
            FleetScheduler scheduler = new FleetScheduler(store.transactions(), store.jobLeases(), services.fleetJobs, services.rollups,
                    services.oneShotSettlement, new StoredFleetTuning(current), settings.jobLease(), holderName(app.port()), moreJobs);
            return new ServerApplication(store, app, services, routes, settings.shutdownGrace(), scheduler);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** How often the lease holder advances staged rollouts (tests shorten it). */
    static volatile Duration rolloutEvery = Duration.ofSeconds(5);

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

    /** The periodic fleet jobs of this server (tests look at their leases). */
    FleetScheduler scheduler() {
        return scheduler;
    }

    /** How this server names itself in job leases: host, port and a random suffix (two servers on one host differ). */
    private static String holderName(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + port + "/" + UUID.randomUUID().toString().substring(0, 8);
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
            HttpApi.stopGracefully(http, grace);
        } finally {
            scheduler.close();
            services.alerts.close();
            services.backups.close();
            store.close();
        }
        LOG.info("stopped");
    }
}
