package dev.vectorflow.adapter.postgres;

import dev.vectorflow.adapter.postgres.fleet.PostgresAgentReleaseRepository;
import dev.vectorflow.adapter.postgres.deployment.PostgresDeploymentRepository;
import dev.vectorflow.adapter.postgres.rollout.PostgresRolloutRepository;
import dev.vectorflow.adapter.postgres.enrollment.PostgresEnrollmentTokenRepository;
import dev.vectorflow.adapter.postgres.fleet.PostgresFleetChanges;
import dev.vectorflow.adapter.postgres.fleet.PostgresFleetOverviewRepository;
import dev.vectorflow.adapter.postgres.fleet.PostgresJobLeases;
import dev.vectorflow.adapter.postgres.node.PostgresNodeActionRepository;
import dev.vectorflow.adapter.postgres.node.PostgresNodeRepository;
import dev.vectorflow.adapter.postgres.telemetry.PostgresTelemetryRepository;
import dev.vectorflow.adapter.postgres.heartbeat.PostgresHeartbeatWriter;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import dev.vectorflow.ports.out.fleet.JobLeases;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vectorflow.adapter.postgres.audit.PostgresAuditLog;
import dev.vectorflow.adapter.postgres.environment.PostgresEnvironmentRepository;
import dev.vectorflow.adapter.postgres.identity.PostgresApiTokenRepository;
import dev.vectorflow.adapter.postgres.identity.PostgresSessionRepository;
import dev.vectorflow.adapter.postgres.identity.PostgresTeamRepository;
import dev.vectorflow.adapter.postgres.identity.PostgresUserRepository;
import dev.vectorflow.ports.out.persistence.ApiTokenRepository;
import dev.vectorflow.adapter.postgres.pipeline.PostgresPipelineRepository;
import dev.vectorflow.adapter.postgres.secret.PostgresSecretRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.KeyRingRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.SessionRepository;
import dev.vectorflow.ports.out.persistence.SetupTokenRepository;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.UserRepository;
import java.time.Clock;
import java.time.Duration;
import dev.vectorflow.ports.out.persistence.DatabaseProbe;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * The persistence adapter as a whole: owns the connection pool (and the embedded server when
 * there is no external one) and hands out the persistence ports built on it.
 */
public final class PostgresStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final EmbeddedPostgresServer embedded;
    private final HikariDataSource pool;
    private final JooqTransactions transactions;
    private final PostgresEnvironmentRepository environments;
    private final PostgresUserRepository users;
    private final PostgresTeamRepository teams;
    private final PostgresSessionRepository sessions;
    private final PostgresApiTokenRepository apiTokens;
    private final PostgresAuditLog audit;
    private final PostgresSecretRepository secrets;
    private final PostgresPipelineRepository pipelines;
    private final String description;
    private final PostgresNodeRepository nodes;
    private final PostgresEnrollmentTokenRepository enrollmentTokens;
    private final PostgresDeploymentRepository deployments;
    private final PostgresRolloutRepository rollouts;
    private final PostgresNodeActionRepository nodeActions;
    private final PostgresTelemetryRepository telemetry;
    private final PostgresJobLeases jobLeases;
    private final PostgresAgentReleaseRepository agentReleases;
    private final PostgresFleetOverviewRepository fleetOverview;
    private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();
    private HikariDataSource readinessPool;
    private String jdbcUrl;
    private String user;
    private String password;

    private PostgresStore(EmbeddedPostgresServer embedded, HikariDataSource pool, String description, Clock clock) {
        this.embedded = embedded;
        this.pool = pool;
        this.description = description;
        this.transactions = new JooqTransactions(pool, new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                        .withExecuteLogging(false))
                .set(new SqlFailureTranslator()));
        this.environments = new PostgresEnvironmentRepository(transactions::dsl);
        this.users = new PostgresUserRepository(transactions::dsl);
        this.teams = new PostgresTeamRepository(transactions::dsl);
        this.sessions = new PostgresSessionRepository(transactions::dsl);
        this.apiTokens = new PostgresApiTokenRepository(transactions::dsl);
        this.audit = new PostgresAuditLog(transactions::dsl, clock);
        this.secrets = new PostgresSecretRepository(transactions::dsl);
        this.pipelines = new PostgresPipelineRepository(transactions::dsl);
        this.nodes = new PostgresNodeRepository(transactions::dsl);
        this.enrollmentTokens = new PostgresEnrollmentTokenRepository(transactions::dsl);
        this.deployments = new PostgresDeploymentRepository(transactions::dsl);
        this.rollouts = new PostgresRolloutRepository(transactions::dsl);
        this.nodeActions = new PostgresNodeActionRepository(transactions::dsl);
        this.telemetry = new PostgresTelemetryRepository(transactions::dsl);
        this.jobLeases = new PostgresJobLeases(transactions::dsl);
        this.agentReleases = new PostgresAgentReleaseRepository(transactions::dsl);
        this.fleetOverview = new PostgresFleetOverviewRepository(transactions::dsl);
    }

    /**
     * Connects to the configured database (starting the embedded one first when no URL is set),
     * checks that it answers, and applies the schema when {@code migrate} is true.
     */
    public static PostgresStore open(DatabaseSettings settings, boolean migrate) {
        return open(settings, migrate, Clock.systemUTC());
    }

    /** As {@link #open(DatabaseSettings, boolean)}, with the clock that stamps audit entries. */
    public static PostgresStore open(DatabaseSettings settings, boolean migrate, Clock clock) {
        EmbeddedPostgresServer embedded = null;
        HikariDataSource pool = null;
        try {
            String url;
            String user;
            String password;
            String description;
            if (settings.embedded()) {
                embedded = EmbeddedPostgresServer.start(settings.embeddedDataDirectory());
                url = embedded.jdbcUrl(EmbeddedPostgresServer.DATABASE);
                user = embedded.user();
                password = null;
                description = "embedded PostgreSQL 17 (data in " + settings.embeddedDataDirectory() + ")";
            } else {
                url = settings.jdbcUrl().get();
                user = settings.user().orElse(null);
                password = settings.password().orElse(null);
                description = "PostgreSQL at " + url;
            }
            pool = createPool(url, user, password, settings);
            checkConnection(pool, description);
            PostgresStore store = new PostgresStore(embedded, pool, description, clock);
            store.jdbcUrl = url;
            store.user = user;
            store.password = password;
            store.readinessPool = createReadinessPool(url, user, password);
            if (migrate) {
                long started = System.nanoTime();
                SchemaMigrations.apply(pool);
                LOG.info("database schema up to date ({} ms)", (System.nanoTime() - started) / 1_000_000);
            }
            return store;
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** A pool's connection settings: name, address, credentials; auto-commit on; starts even while the database is down. */
    private static HikariConfig poolConfig(String name, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        // start even when the database is down for a moment; checkConnection() and readiness report it clearly
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return config;
    }

    private static HikariDataSource createPool(String url, String user, String password, DatabaseSettings settings) {
        HikariConfig config = poolConfig("vectorflow-db", url, user, password);
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 2_000));
        return new HikariDataSource(config);
    }

    private static void checkConnection(HikariDataSource pool, String description) {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid(5)) {
                throw new PersistenceFailure("Cannot use the " + description + ": the connection is not valid", null);
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot connect to the " + description + ": " + rootMessage(e), e);
        }
    }

    /** The pool's "connection is not available" hides the reason (wrong password, refused, unknown host): name the deepest cause. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }

    /** Applies the schema (idempotent). */
    public void migrate() {
        SchemaMigrations.apply(pool);
    }

    public Transactions transactions() {
        return transactions;
    }

    public EnvironmentRepository environments() {
        return environments;
    }

    public UserRepository users() {
        return users;
    }

    public TeamRepository teams() {
        return teams;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public SetupTokenRepository setupTokens() {
        return sessions;
    }

    public ApiTokenRepository apiTokens() {
        return apiTokens;
    }

    public AuditLog auditLog() {
        return audit;
    }

    public SecretRepository secrets() {
        return secrets;
    }

    public KeyRingRepository keyRing() {
        return secrets;
    }

    public PipelineRepository pipelines() {
        return pipelines;
    }

    /**
     * Answers whether the database responds right now, within about a second ({@link #READINESS_WAIT} for a connection,
     * then a validation of at most a second). It uses a pool of its own (one connection, two at most), so a main pool
     * busy with writes is not taken for a database that is down, and load-balancer checks do not queue behind the
     * writes; when the database is back the next check connects again by itself.
     */
    public DatabaseProbe probe() {
        return () -> {
            HikariDataSource probePool = readinessPool;
            if (probePool == null || probePool.isClosed()) {
                return Optional.of("the store is closed");
            }
            try (Connection connection = probePool.getConnection()) {
                return connection.isValid(1) ? Optional.empty() : Optional.of("connection is not valid");
            } catch (SQLException e) {
                return Optional.of(rootMessage(e));
            }
        };
    }

    /** How long a readiness check waits for a connection before it says the database is down. */
    static final Duration READINESS_WAIT = Duration.ofMillis(750);

    private static HikariDataSource createReadinessPool(String url, String user, String password) {
        HikariConfig config = poolConfig("vectorflow-ready", url, user, password);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(READINESS_WAIT.toMillis());
        config.setValidationTimeout(500);
        config.addDataSourceProperty("connectTimeout", "1");
        config.addDataSourceProperty("ApplicationName", "vectorflow-ready");
        return new HikariDataSource(config);
    }

    /** The size of the database on disk, in bytes. */
    public long databaseBytes() {
        Long bytes = transactions.inTransaction(() -> transactions.dsl().fetchOne("select pg_database_size(current_database())").get(0, Long.class));
        return bytes;
    }

    /** What the store is connected to, for the start-up log (no credentials). */
    public String description() {
        return description;
    }

    public NodeRepository nodes() {
        return nodes;
    }

    public EnrollmentTokenRepository enrollmentTokens() {
        return enrollmentTokens;
    }

    public DeploymentRepository deployments() {
        return deployments;
    }

    /** Approval requests (each call a new view on the current unit of work). */
    public dev.vectorflow.ports.out.promotion.ApprovalRepository approvals() {
        return new dev.vectorflow.adapter.postgres.promotion.PostgresApprovalRepository(transactions::dsl);
    }

    /** Previews (each call a new view on the current unit of work). */
    public dev.vectorflow.ports.out.preview.PreviewRepository previews() {
        return new dev.vectorflow.adapter.postgres.preview.PostgresPreviewRepository(transactions::dsl);
    }

    public RolloutRepository rollouts() {
        return rollouts;
    }

    public NodeActionRepository nodeActions() {
        return nodeActions;
    }

    public TelemetryRepository telemetry() {
        return telemetry;
    }

    public AgentReleaseRepository agentReleases() {
        return agentReleases;
    }

    public FleetOverviewRepository fleetOverview() {
        return fleetOverview;
    }

    public JobLeases jobLeases() {
        return jobLeases;
    }

    /** The alert rules of every environment. */
    public dev.vectorflow.ports.out.alert.AlertRuleRepository alertRules() {
        return new dev.vectorflow.adapter.postgres.alert.PostgresAlertRuleRepository(transactions::dsl);
    }

    /** The notification channels of every environment. */
    public dev.vectorflow.ports.out.alert.AlertChannelRepository alertChannels() {
        return new dev.vectorflow.adapter.postgres.alert.PostgresAlertChannelRepository(transactions::dsl);
    }

    /** The stored facts the alert rules read beyond nodes and live rates (reported states, agent updates, logs, rollups). */
    public dev.vectorflow.ports.out.alert.AlertInputs alertInputs() {
        return new dev.vectorflow.adapter.postgres.alert.PostgresAlertInputs(transactions::dsl);
    }

    /** The alerts with their transitions, and the silences. */
    public dev.vectorflow.ports.out.alert.AlertRepository alerts() {
        return new dev.vectorflow.adapter.postgres.alert.PostgresAlertRepository(transactions::dsl);
    }

    /** The notifications to deliver and every attempt. */
    public dev.vectorflow.ports.out.alert.DeliveryRepository alertDeliveries() {
        return new dev.vectorflow.adapter.postgres.alert.PostgresDeliveryRepository(transactions::dsl);
    }

    /** The settings store. */
    public dev.vectorflow.ports.out.settings.SettingsRepository settings() {
        return new dev.vectorflow.adapter.postgres.settings.PostgresSettingsRepository(transactions::dsl);
    }

    /** The configured OpenID Connect providers. */
    public dev.vectorflow.ports.out.identity.OidcProviderRepository oidcProviders() {
        return new dev.vectorflow.adapter.postgres.identity.PostgresOidcProviderRepository(transactions::dsl);
    }

    /** Pending OpenID Connect sign-ins, account links, managed memberships, provider sessions. */
    public dev.vectorflow.ports.out.identity.OidcSignIns oidcSignIns() {
        return new dev.vectorflow.adapter.postgres.identity.PostgresOidcSignIns(transactions::dsl);
    }

    /** TOTP second factors, their sign-in steps and the teams that require them. */
    public dev.vectorflow.ports.out.identity.TwoFactorRepository twoFactor() {
        return new dev.vectorflow.adapter.postgres.identity.PostgresTwoFactorRepository(transactions::dsl);
    }

    /** Backups of this database: snapshots, verification, restores. */
    public dev.vectorflow.ports.out.backup.DatabaseSnapshots snapshots() {
        return new dev.vectorflow.adapter.postgres.backup.PostgresSnapshots(pool);
    }

    /** The record of backup runs. */
    public dev.vectorflow.ports.out.backup.BackupRuns backupRuns() {
        return new dev.vectorflow.adapter.postgres.backup.PostgresBackupRuns(transactions::dsl);
    }

    /** The write-behind queue of the heartbeat path (stopped, after a last flush, when the store closes). */
    public PostgresHeartbeatWriter telemetryWriter(int capacity, long flushIntervalMillis) {
        PostgresHeartbeatWriter writer = new PostgresHeartbeatWriter(pool, capacity, flushIntervalMillis);
        owned.add(0, writer);
        return writer;
    }

    /** Change notices between servers sharing this database, dropping entries of {@code cache} (closed with the store). */
    public PostgresFleetChanges fleetChanges(FleetCache cache) {
        PostgresFleetChanges changes = new PostgresFleetChanges(transactions::dsl, cache, () -> {
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            props.setProperty("ApplicationName", "vectorflow-listen");
            props.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(jdbcUrl, props);
        });
        owned.add(changes);
        return changes;
    }

    /** Closes the pool, then stops the embedded server if there is one. */
    @Override
    public void close() {
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
        owned.clear();
        if (readinessPool != null) {
            readinessPool.close();
        }
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
