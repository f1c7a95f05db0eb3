package dev.vectorflow.adapter.postgres;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.AlertRepository;
import dev.vectorflow.ports.out.alert.AlertRuleRepository;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.backup.BackupRuns;
import dev.vectorflow.ports.out.deployment.DeploymentRepository;
import dev.vectorflow.ports.out.rollout.RolloutRepository;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.identity.OidcProviderRepository;
import dev.vectorflow.ports.out.identity.OidcSignIns;
import dev.vectorflow.ports.out.identity.TwoFactorRepository;
import dev.vectorflow.ports.out.node.NodeActionRepository;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.ApiTokenRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.KeyRingRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.SessionRepository;
import dev.vectorflow.ports.out.persistence.SetupTokenRepository;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UserRepository;
import dev.vectorflow.ports.out.settings.SettingsRepository;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The driven-port contracts on one PostgreSQL database, shared by every contract test class of this JVM (each test makes its
 * own environment, so they do not see each other's rows); closed when the JVM ends.
 */
public final class PostgresFleetContractStore implements FleetContractStore {

    private static PostgresFleetContractStore shared;

    private final PostgresStore store;
    private final DatabaseSettings database;

    private PostgresFleetContractStore(PostgresStore store, DatabaseSettings database) {
        this.store = store;
        this.database = database;
    }

    public static synchronized PostgresFleetContractStore shared() {
        if (shared == null) {
            DatabaseSettings database = TestDatabases.freshDatabase();
            PostgresStore store = PostgresStore.open(database, true);
            Runtime.getRuntime().addShutdownHook(new Thread(store::close, "contract-store-close"));
            shared = new PostgresFleetContractStore(store, database);
        }
        return shared;
    }

    /** A connection of its own to the store's database, for what only SQL can show (row versions, plans). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl().orElseThrow(), database.user().orElse(null), database.password().orElse(null));
    }

    public PostgresStore store() {
        return store;
    }

    @Override
    public Transactions transactions() {
        return store.transactions();
    }

    @Override
    public EnvironmentId newEnvironment() {
        return ContractStores.newEnvironment(store);
    }

    @Override
    public NodeRepository nodes() {
        return store.nodes();
    }

    @Override
    public NodeActionRepository nodeActions() {
        return store.nodeActions();
    }

    @Override
    public PipelineRepository pipelines() {
        return store.pipelines();
    }

    @Override
    public RolloutRepository rollouts() {
        return store.rollouts();
    }

    @Override
    public DeploymentRepository deployments() {
        return store.deployments();
    }

    @Override
    public EnrollmentTokenRepository enrollmentTokens() {
        return store.enrollmentTokens();
    }

    @Override
    public AgentReleaseRepository agentReleases() {
        return store.agentReleases();
    }

    @Override
    public SecretRepository secrets() {
        return store.secrets();
    }

    @Override
    public AlertRuleRepository alertRules() {
        return store.alertRules();
    }

    @Override
    public AlertChannelRepository alertChannels() {
        return store.alertChannels();
    }

    @Override
    public AlertRepository alerts() {
        return store.alerts();
    }

    @Override
    public DeliveryRepository alertDeliveries() {
        return store.alertDeliveries();
    }

    @Override
    public UserRepository users() {
        return store.users();
    }

    @Override
    public TeamRepository teams() {
        return store.teams();
    }

    @Override
    public SessionRepository sessions() {
        return store.sessions();
    }

    @Override
    public ApiTokenRepository apiTokens() {
        return store.apiTokens();
    }

    @Override
    public SetupTokenRepository setupTokens() {
        return store.setupTokens();
    }

    @Override
    public AuditLog auditLog() {
        return store.auditLog();
    }

    @Override
    public KeyRingRepository keyRing() {
        return store.keyRing();
    }

    @Override
    public TwoFactorRepository twoFactor() {
        return store.twoFactor();
    }

    @Override
    public SettingsRepository settings() {
        return store.settings();
    }

    @Override
    public OidcProviderRepository oidcProviders() {
        return store.oidcProviders();
    }

    @Override
    public OidcSignIns oidcSignIns() {
        return store.oidcSignIns();
    }

    @Override
    public BackupRuns backupRuns() {
        return store.backupRuns();
    }

    @Override
    public TelemetryRepository telemetry() {
        return store.telemetry();
    }

    @Override
    public FleetOverviewRepository fleetOverview() {
        return store.fleetOverview();
    }

    /** Flushes only when told to (its interval is an hour); the contracts close it after each test. */
    @Override
    public HeartbeatWriter newHeartbeatWriter(int capacity) {
        return store.telemetryWriter(capacity, 3_600_000);
    }
}
