package dev.vectorflow.app;

import dev.vectorflow.adapter.crypto.AesGcmSecretCipher;
import dev.vectorflow.adapter.crypto.Argon2idPasswordHasher;
import dev.vectorflow.adapter.crypto.HmacSha1Totp;
import dev.vectorflow.adapter.crypto.MasterKey;
import dev.vectorflow.adapter.crypto.MasterKeySource;
import dev.vectorflow.adapter.crypto.PemCertificateParser;
import dev.vectorflow.adapter.crypto.SecureRandomTokens;
import dev.vectorflow.adapter.crypto.TimeOrderedIdGenerator;
import dev.vectorflow.adapter.http.ApiServices;
import dev.vectorflow.adapter.oidc.NimbusOpenIdConnect;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.fleet.CaffeineFleetCache;
import dev.vectorflow.adapter.postgres.fleet.PostgresFleetChanges;
import dev.vectorflow.adapter.postgres.heartbeat.PostgresHeartbeatWriter;
import dev.vectorflow.adapter.vector.JacksonVectorConfigCodec;
import dev.vectorflow.adapter.vector.JsonCatalogSource;
import dev.vectorflow.adapter.vector.VectorCliCheck;
import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.ports.out.alert.NotificationSender;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.security.KeyRingFailure;
import dev.vectorflow.ports.out.security.PasswordHasher;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.system.RandomTokens;
import dev.vectorflow.ports.service.audit.AuditQueryService;
import dev.vectorflow.ports.service.environment.CreateEnvironmentService;
import dev.vectorflow.ports.service.environment.DeleteEnvironmentService;
import dev.vectorflow.ports.service.environment.EnvironmentQueryService;
import dev.vectorflow.ports.service.environment.UpdateEnvironmentService;
import dev.vectorflow.ports.service.fleet.FleetCacheWarmUp;
import dev.vectorflow.ports.service.fleet.FleetJobs;
import dev.vectorflow.ports.service.fleet.StoredFleetTuning;
import dev.vectorflow.ports.service.heartbeat.OneShotSettlement;
import dev.vectorflow.ports.service.identity.ApiTokenService;
import dev.vectorflow.ports.service.identity.OidcSignInService;
import dev.vectorflow.ports.service.identity.SessionPolicy;
import dev.vectorflow.ports.service.identity.SessionService;
import dev.vectorflow.ports.service.identity.SetupService;
import dev.vectorflow.ports.service.identity.TeamAdministrationService;
import dev.vectorflow.ports.service.identity.TwoFactorService;
import dev.vectorflow.ports.service.identity.UserAdministrationService;
import dev.vectorflow.ports.service.pipeline.ManagePipelinesService;
import dev.vectorflow.ports.service.pipeline.PipelineAudit;
import dev.vectorflow.ports.service.pipeline.PromotePipelineService;
import dev.vectorflow.ports.service.promotion.ApprovalGate;
import dev.vectorflow.ports.service.promotion.ApprovalService;
import dev.vectorflow.ports.service.promotion.SubmitDeploymentService;
import dev.vectorflow.ports.in.deployment.DeployPipelineUseCase;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.service.pipeline.PipelineChecks;
import dev.vectorflow.ports.service.pipeline.PipelineQueryService;
import dev.vectorflow.ports.service.pipeline.PublishPipelineService;
import dev.vectorflow.ports.service.secret.KeyRingService;
import dev.vectorflow.ports.service.secret.SecretService;
import dev.vectorflow.ports.service.settings.SettingsService;
import dev.vectorflow.ports.service.system.ReadinessService;
import dev.vectorflow.ports.service.telemetry.RollupFlush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.security.SecureRandom;
import dev.vectorflow.ports.service.rollout.RolloutEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the services on a store, by hand: the one place that knows which adapter implements
 * which port. Used by the server and by the command-line tools.
 */
final class ServerComposition {

    private static final Logger LOG = LoggerFactory.getLogger(ServerComposition.class);

    final ApiServices api;
    final SetupService setup;
    final AuditQueryService audit;
    final KeyRingService keyRing;
    final SecretService secrets;
    final FleetCacheWarmUp fleetCacheWarmUp;
    final RollupFlush rollups;
    final OneShotSettlement oneShotSettlement;
    final FleetJobs fleetJobs;
    final RolloutEngine rollouts;
    final PostgresHeartbeatWriter telemetryWriter;
    final PostgresFleetChanges fleetChanges;
    final BackupComposition backups;
    final SettingsService settingsStore;
    final AlertComposition alerts;

    /** `vector validate` with VF_VECTOR_BIN when it is set, else with `vector` on PATH when there is one. */
    private static VectorCliCheck vectorCheck(ServerSettings settings) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        settings.vectorBinary().ifPresent(bin -> env.put("VF_VECTOR_BIN", bin));
        return VectorCliCheck.fromEnvironment(env);
    }

    /**
     * Builds every service and opens the key ring with the master key.
     *
     * @throws KeyRingFailure when the master key cannot open the ring
     */
    ServerComposition(PostgresStore store, Clock clock, ServerSettings settings) {
        this(store, clock, settings, new NoNotificationSender(), AlertComposition.Timings.DEFAULT);
    }

    /**
     * Builds every service and opens the key ring with the master key.
     *
     * @param notificationSender what delivers alert notifications (webhooks, Slack, Teams, PagerDuty, e-mail)
     * @param alertTimings       how often alerts are evaluated and dispatched, and how failed deliveries are retried
     * @throws KeyRingFailure when the master key cannot open the ring
     */
    ServerComposition(PostgresStore store, Clock clock, ServerSettings settings, NotificationSender notificationSender,
                      AlertComposition.Timings alertTimings) {
        SecureRandom random = new SecureRandom();
        SessionPolicy sessionPolicy = settings.sessionPolicy();
        IdGenerator ids = new TimeOrderedIdGenerator(clock, random);
        RandomTokens tokens = new SecureRandomTokens(random);
        PasswordHasher hasher = Argon2idPasswordHasher.recommended(random);
        Transactions tx = store.transactions();

        this.audit = new AuditQueryService(tx, store.auditLog());
        MasterKey masterKey = new MasterKeySource(random).load(settings.masterKey(), MasterKeySource.defaultKeyFile(settings.dataDirectory()));
        if (masterKey.created()) {
            LOG.warn("""

                    ====================================================================
                     A NEW MASTER KEY was written to {}
                     It seals every secret and certificate. BACK IT UP NOW: without it they are lost.
                     In production, set VF_MASTER_KEY instead (and keep it in your secret store).
                    ====================================================================""", masterKey.file().orElseThrow());
        }
        this.keyRing = new KeyRingService(tx, store.keyRing(), store.secrets(), store.auditLog(),
                new AesGcmSecretCipher(masterKey.bytes(), random), clock);
        try {
            keyRing.initialize();
        } catch (KeyRingFailure e) {
            throw new KeyRingFailure("The master key " + masterKey.file().map(f -> "in " + f).orElse("from VF_MASTER_KEY")
                    + " cannot open the key ring in the database (" + e.getMessage() + "). Refusing to start: use the master key"
                    + " the secrets were sealed with.", e);
        }
        CaffeineFleetCache fleetCache = new CaffeineFleetCache(500_000, Duration.ofMinutes(60));
        this.fleetChanges = store.fleetChanges(fleetCache);
        // the settings store: read now, and again whenever any server changes it (or notices may have been missed)
        this.settingsStore = new SettingsService(tx, store.settings(), store.auditLog(), keyRing, store.users(), fleetChanges, clock,
                settings.storedSettingOverrides());
        this.settingsStore.reload();
        fleetChanges.onSettingsChanged(this.settingsStore::reload);
        Supplier<SettingsSnapshot> current = this.settingsStore::current;

        SessionService sessions = new SessionService(tx, store.users(), store.teams(), store.sessions(), store.apiTokens(),
                store.auditLog(), hasher, tokens, clock, sessionPolicy, store.twoFactor(), store.oidcSignIns(), current);
        this.setup = new SetupService(tx, store.users(), store.setupTokens(), store.auditLog(), hasher, sessions, ids, tokens, clock);
        UserAdministrationService users = new UserAdministrationService(tx, store.users(), store.teams(), store.sessions(),
                store.auditLog(), hasher, ids, clock);
        TeamAdministrationService teams = new TeamAdministrationService(tx, store.teams(), store.users(), store.environments(),
                store.auditLog(), ids, clock);
        ApiTokenService apiTokens = new ApiTokenService(tx, store.apiTokens(), store.users(), store.teams(), store.auditLog(), ids,
                tokens, clock);
        TwoFactorService twoFactor = new TwoFactorService(tx, store.twoFactor(), store.users(), store.teams(), store.auditLog(), keyRing,
                new HmacSha1Totp(), tokens, clock, sessions, current);
        OidcSignInService oidc = new OidcSignInService(new OidcSignInService.Dependencies(tx, store.oidcProviders(), store.oidcSignIns(),
                store.users(), store.teams(), store.auditLog(), new NimbusOpenIdConnect(NimbusOpenIdConnect.Tuning.defaults(), clock), keyRing,
                sessions, fleetChanges, ids, clock, current));
        this.telemetryWriter = store.telemetryWriter(settings.telemetryQueueCapacity(), 200);
        this.secrets = new SecretService(tx, store.secrets(), store.environments(), store.auditLog(), keyRing, new PemCertificateParser(),
                ids, clock, fleetChanges);
        JsonCatalogSource catalog = JsonCatalogSource.bundled();
        JacksonVectorConfigCodec codec = new JacksonVectorConfigCodec();
        PipelineChecks pipelineChecks = new PipelineChecks(catalog, codec, secrets, vectorCheck(settings));
        PipelineAudit pipelineAudit = new PipelineAudit(store.auditLog(), store.environments());
        FleetComposition fleet = new FleetComposition(store, fleetCache, fleetChanges, telemetryWriter, secrets, new StoredFleetTuning(current),
                ids, tokens, clock, catalog, codec);
        this.fleetCacheWarmUp = fleet.warmUp;
        this.rollups = fleet.rollups;
        this.oneShotSettlement = fleet.oneShotSettlement;
        this.fleetJobs = fleet.jobs;
        this.rollouts = fleet.rollouts;
        // after a restore (here, or on another server: the notice reaches every one) nothing cached may outlive the old data
        Runnable refreshAfterRestore = () -> {
            keyRing.reload();
            this.settingsStore.reload();
            fleetCache.forgetAll();
            fleet.forgetReportedState();
        };
        fleetChanges.onRestored(refreshAfterRestore);
        this.alerts = new AlertComposition(store, keyRing, current, notificationSender, fleet.live, new StoredFleetTuning(current), ids, clock,
                alertTimings);
        byte[] masterKeyBytes = masterKey.bytes();
        this.backups = new BackupComposition(store, settings, current, () -> new AesGcmSecretCipher(masterKeyBytes, random), clock,
                refreshAfterRestore);
        this.api = new ApiServices(
                new ReadinessService(store.probe(), new DataDirectoryCheck(settings.dataDirectory(), settings.dataDirectoryMinimumFreeBytes())),
                new CreateEnvironmentService(tx, store.environments(), store.teams(), store.auditLog(), ids, clock),
                new UpdateEnvironmentService(tx, store.environments(), store.auditLog(), clock),
                new DeleteEnvironmentService(tx, store.environments(), store.auditLog(), store.secrets(), store.pipelines()),
                new EnvironmentQueryService(tx, store.environments()),
                sessions, sessions, sessions, sessions,
                setup,
                users, users,
                teams, teams,
                apiTokens, apiTokens,
                audit,
                secrets, secrets, secrets,
                new ManagePipelinesService(tx, store.pipelines(), pipelineAudit, pipelineChecks, secrets, ids, clock, fleetChanges),
                new PublishPipelineService(tx, store.pipelines(), pipelineAudit, pipelineChecks, clock),
                new PipelineQueryService(tx, store.pipelines(), pipelineChecks),
                fleet.agent,
                fleet.fleet,
                () -> {
                    PostgresHeartbeatWriter.Stats w = telemetryWriter.stats();
                    Map<String, Number> figures = new LinkedHashMap<>();
                    figures.put("telemetryQueued", w.queued());
                    figures.put("heartbeatsWritten", w.written());
                    figures.put("flushes", w.flushes());
                    figures.put("heartbeatsLost", w.failed());
                    figures.put("averageFlushMillis", w.averageFlushMillis());
                    figures.put("databaseBytes", store.databaseBytes());
                    return figures;
                },
                backups.service, backups.service, backups.service, backups.service, backups.service,
                this.settingsStore, this.settingsStore,
                oidc, oidc, oidc,
                twoFactor, twoFactor, twoFactor,
                alerts.useCases,
                promotion(store, tx, pipelineAudit, pipelineChecks, fleetChanges, fleet.fleet.deployPipeline(), ids, clock));
    }

    /** Promotion and approvals: the gate both a deploy and a promotion pass, and the service that decides what it held. */
    private static dev.vectorflow.adapter.http.promotion.PromotionUseCases promotion(PostgresStore store, Transactions tx, PipelineAudit audit,
            PipelineChecks checks, FleetChanges changes, DeployPipelineUseCase deploy, IdGenerator ids, Clock clock) {
        ApprovalGate gate = new ApprovalGate(tx, store.approvals(), store.auditLog(), ids, clock);
        PromotePipelineService promote = new PromotePipelineService(tx, store.pipelines(), audit, checks, changes, deploy, gate, ids, clock);
        ApprovalService approvals = new ApprovalService(tx, store.approvals(), store.environments(), store.pipelines(), store.auditLog(), deploy,
                promote::runApproved, clock);
        return new dev.vectorflow.adapter.http.promotion.PromotionUseCases(promote,
                new SubmitDeploymentService(tx, store.pipelines(), store.environments(), store.deployments(), deploy, gate), approvals, approvals);
    }
}
