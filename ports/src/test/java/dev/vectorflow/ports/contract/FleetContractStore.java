package dev.vectorflow.ports.contract;

import dev.vectorflow.core.environment.EnvironmentId;
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

/**
 * A store the driven-port contracts run on (the fakes, or one PostgreSQL database): its unit of work, its repositories,
 * and new environments (with their teams) in it.
 */
public interface FleetContractStore {

    Transactions transactions();

    /** A new environment, and the team it belongs to, in the store. */
    EnvironmentId newEnvironment();

    NodeRepository nodes();

    NodeActionRepository nodeActions();

    PipelineRepository pipelines();

    DeploymentRepository deployments();

    RolloutRepository rollouts();

    EnrollmentTokenRepository enrollmentTokens();

    AgentReleaseRepository agentReleases();

    SecretRepository secrets();

    AlertRuleRepository alertRules();

    AlertChannelRepository alertChannels();

    AlertRepository alerts();

    DeliveryRepository alertDeliveries();

    UserRepository users();

    TeamRepository teams();

    SessionRepository sessions();

    ApiTokenRepository apiTokens();

    SetupTokenRepository setupTokens();

    AuditLog auditLog();

    KeyRingRepository keyRing();

    TwoFactorRepository twoFactor();

    SettingsRepository settings();

    OidcProviderRepository oidcProviders();

    OidcSignIns oidcSignIns();

    BackupRuns backupRuns();

    TelemetryRepository telemetry();

    FleetOverviewRepository fleetOverview();

    /** A new heartbeat writer into this store whose queue holds {@code capacity} heartbeats; it writes only when flushed. */
    HeartbeatWriter newHeartbeatWriter(int capacity);
}
