package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.TeamId;
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
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The in-memory fakes of the driven ports in one unit of work, for the contracts' fake runs. */
public final class InMemoryFleetStore implements FleetContractStore {

    public final InMemoryTransactions transactions = new InMemoryTransactions();
    public final InMemoryEnvironmentRepository environments = transactions.register(new InMemoryEnvironmentRepository());
    public final InMemoryNodeRepository nodes = transactions.register(new InMemoryNodeRepository());
    public final InMemoryNodeActionRepository actions = transactions.register(new InMemoryNodeActionRepository());
    public final InMemoryPipelineRepository pipelines = transactions.register(new InMemoryPipelineRepository());
    public final InMemoryDeploymentRepository deployments = transactions.register(new InMemoryDeploymentRepository());
    public final InMemoryRolloutRepository rollouts = transactions.register(new InMemoryRolloutRepository());
    public final InMemoryEnrollmentTokenRepository enrollmentTokens = transactions.register(new InMemoryEnrollmentTokenRepository());
    public final InMemoryAgentReleaseRepository agentReleases = transactions.register(new InMemoryAgentReleaseRepository());
    public final InMemorySecretRepository secrets = transactions.register(new InMemorySecretRepository());
    public final InMemoryAlertRepository alerts = transactions.register(new InMemoryAlertRepository());
    public final InMemoryAlertRuleRepository alertRules = transactions.register(new InMemoryAlertRuleRepository(alerts));
    public final InMemoryAlertChannelRepository alertChannels = transactions.register(new InMemoryAlertChannelRepository());
    public final InMemoryDeliveryRepository alertDeliveries = transactions.register(new InMemoryDeliveryRepository());

    public final InMemoryUserRepository users = transactions.register(new InMemoryUserRepository());
    public final InMemoryTeamRepository teams = transactions.register(new InMemoryTeamRepository());
    public final InMemorySessionRepository sessions = transactions.register(new InMemorySessionRepository());
    public final InMemoryApiTokenRepository apiTokens = transactions.register(new InMemoryApiTokenRepository());
    public final InMemorySetupTokenRepository setupTokens = transactions.register(new InMemorySetupTokenRepository());
    public final InMemoryAuditLog auditLog = transactions.register(new InMemoryAuditLog(Clock.systemUTC()));
    public final InMemoryKeyRingRepository keyRing = new InMemoryKeyRingRepository();
    public final InMemoryTwoFactorRepository twoFactor = transactions.register(new InMemoryTwoFactorRepository());
    public final InMemorySettingsRepository settings = transactions.register(new InMemorySettingsRepository());
    public final InMemoryOidcProviderRepository oidcProviders = transactions.register(new InMemoryOidcProviderRepository());
    public final InMemoryOidcSignIns oidcSignIns = transactions.register(new InMemoryOidcSignIns());
    public final InMemoryBackupRuns backupRuns = transactions.register(new InMemoryBackupRuns());
    public final InMemoryTelemetryRepository telemetry = transactions.register(new InMemoryTelemetryRepository(nodes, actions));
    public final InMemoryFleetOverviewRepository fleetOverview = new InMemoryFleetOverviewRepository(nodes, pipelines, actions, telemetry);

    @Override
    public EnvironmentId newEnvironment() {
        Environment environment = Environment.create(new EnvironmentId(UUID.randomUUID()), new TeamId(UUID.randomUUID()),
                new EnvironmentName("env-" + UUID.randomUUID()), "", Instant.parse("2026-12-01T10:00:00Z"));
        transactions.inTransaction(() -> {
            environments.insert(environment);
            return null;
        });
        return environment.id();
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public NodeRepository nodes() {
        return nodes;
    }

    @Override
    public NodeActionRepository nodeActions() {
        return actions;
    }

    @Override
    public PipelineRepository pipelines() {
        return pipelines;
    }

    @Override
    public RolloutRepository rollouts() {
        return rollouts;
    }

    @Override
    public DeploymentRepository deployments() {
        return deployments;
    }

    @Override
    public EnrollmentTokenRepository enrollmentTokens() {
        return enrollmentTokens;
    }

    @Override
    public AgentReleaseRepository agentReleases() {
        return agentReleases;
    }

    @Override
    public SecretRepository secrets() {
        return secrets;
    }

    @Override
    public AlertRuleRepository alertRules() {
        return alertRules;
    }

    @Override
    public AlertChannelRepository alertChannels() {
        return alertChannels;
    }

    @Override
    public AlertRepository alerts() {
        return alerts;
    }

    @Override
    public DeliveryRepository alertDeliveries() {
        return alertDeliveries;
    }

    @Override
    public UserRepository users() {
        return users;
    }

    @Override
    public TeamRepository teams() {
        return teams;
    }

    @Override
    public SessionRepository sessions() {
        return sessions;
    }

    @Override
    public ApiTokenRepository apiTokens() {
        return apiTokens;
    }

    @Override
    public SetupTokenRepository setupTokens() {
        return setupTokens;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public KeyRingRepository keyRing() {
        return keyRing;
    }

    @Override
    public TwoFactorRepository twoFactor() {
        return twoFactor;
    }

    @Override
    public SettingsRepository settings() {
        return settings;
    }

    @Override
    public OidcProviderRepository oidcProviders() {
        return oidcProviders;
    }

    @Override
    public OidcSignIns oidcSignIns() {
        return oidcSignIns;
    }

    @Override
    public BackupRuns backupRuns() {
        return backupRuns;
    }

    @Override
    public TelemetryRepository telemetry() {
        return telemetry;
    }

    @Override
    public FleetOverviewRepository fleetOverview() {
        return fleetOverview;
    }

    @Override
    public HeartbeatWriter newHeartbeatWriter(int capacity) {
        return new RecordingHeartbeatWriter(capacity, telemetry);
    }
}
