package dev.vectorflow.app;

import dev.vectorflow.adapter.http.AgentUseCases;
import dev.vectorflow.adapter.http.FleetUseCases;
import dev.vectorflow.adapter.http.PreviewUseCases;
import dev.vectorflow.ports.out.vector.CatalogSource;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;
import dev.vectorflow.ports.service.preview.RequestPreviewService;
import dev.vectorflow.ports.service.preview.RunPreviewService;
import dev.vectorflow.adapter.http.node.NodeUseCases;
import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.ports.in.secret.ResolveSecretsUseCase;
import dev.vectorflow.ports.out.fleet.FleetCache;
import dev.vectorflow.ports.out.fleet.FleetChanges;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.out.system.RandomTokens;
import dev.vectorflow.ports.service.delivery.FetchDesiredStateService;
import dev.vectorflow.ports.service.delivery.FetchPipelineConfigService;
import dev.vectorflow.ports.service.deployment.DeployPipelineService;
import dev.vectorflow.ports.service.deployment.DeploymentQueryService;
import dev.vectorflow.ports.service.deployment.UndeployPipelineService;
import dev.vectorflow.ports.service.enrollment.CreateEnrollmentTokenService;
import dev.vectorflow.ports.service.enrollment.EnrollNodeService;
import dev.vectorflow.ports.service.enrollment.EnrollmentTokenIssuer;
import dev.vectorflow.ports.service.enrollment.EnrollmentTokenQueryService;
import dev.vectorflow.ports.service.enrollment.NodeRegistration;
import dev.vectorflow.ports.service.enrollment.RevokeEnrollmentTokenService;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import dev.vectorflow.ports.service.fleet.FleetCacheWarmUp;
import dev.vectorflow.ports.service.fleet.FleetJobs;
import dev.vectorflow.ports.service.fleet.FleetOverviewService;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import dev.vectorflow.ports.service.fleet.NodeDirectory;
import dev.vectorflow.ports.service.fleet.OneShotQueue;
import dev.vectorflow.ports.service.heartbeat.AuthenticateAgentService;
import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;
import dev.vectorflow.ports.service.heartbeat.OneShotSettlement;
import dev.vectorflow.ports.service.heartbeat.ReceiveHeartbeatService;
import dev.vectorflow.ports.service.heartbeat.ReceiveLogsAndSamplesService;
import dev.vectorflow.ports.service.node.DeleteNodeService;
import dev.vectorflow.ports.service.node.NodeQueryService;
import dev.vectorflow.ports.service.node.PipelineOnNodeViews;
import dev.vectorflow.ports.service.node.ReenrollNodeService;
import dev.vectorflow.ports.service.node.RequestSampleService;
import dev.vectorflow.ports.service.node.RestartPipelineService;
import dev.vectorflow.ports.service.node.RevokeNodeTokenService;
import dev.vectorflow.ports.service.node.SetNodeLabelsService;
import dev.vectorflow.ports.service.node.SetNodeMaintenanceService;
import dev.vectorflow.ports.service.release.AgentReleaseQueryService;
import dev.vectorflow.ports.service.release.RegisterAgentReleaseService;
import dev.vectorflow.ports.service.release.UpdateEnvironmentAgentsService;
import dev.vectorflow.ports.service.release.UpdateNodeAgentService;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import dev.vectorflow.ports.service.telemetry.LogsAndSamplesQueryService;
import dev.vectorflow.ports.service.telemetry.MetricsQueryService;
import dev.vectorflow.ports.service.telemetry.RollupFlush;
import dev.vectorflow.ports.service.rollout.RolloutEngine;
import dev.vectorflow.ports.service.rollout.RolloutService;
import java.time.Clock;
import java.util.Optional;

/** The fleet half of the server wired by hand: the agent API's use cases, the fleet screens' use cases and the periodic work. */
final class FleetComposition {

    final AgentUseCases agent;
    final FleetUseCases fleet;
    final FleetCacheWarmUp warmUp;
    final RollupFlush rollups;
    final OneShotSettlement oneShotSettlement;
    final FleetJobs jobs;
    /** Staged rollouts; {@link RolloutEngine#advance()} runs as a leased job. */
    final RolloutEngine rollouts;
    /** This server's live rates and host gauges (the alert evaluator reads them). */
    final LiveTelemetry live;
    private final HeartbeatWrites heartbeatWrites;

    FleetComposition(PostgresStore store, FleetCache cache, FleetChanges changes, HeartbeatWriter writer, ResolveSecretsUseCase secrets,
                     FleetTuning settings, IdGenerator ids, RandomTokens random, Clock clock, CatalogSource catalog, VectorConfigCodec codec) {
        Transactions tx = store.transactions();
        LiveTelemetry live = new LiveTelemetry();
        this.live = live;
        DesiredStates desiredStates = new DesiredStates(tx, store.deployments(), store.pipelines(), secrets, cache, store.rollouts());
        NodeDirectory nodeDirectory = new NodeDirectory(tx, store.nodes(), cache);
        this.heartbeatWrites = new HeartbeatWrites(writer, clock);
        FleetAudit audit = new FleetAudit(store.auditLog(), store.environments());
        OneShotQueue oneShots = new OneShotQueue(store.nodeActions(), changes, ids, clock);
        EnrollmentTokenIssuer issuer = new EnrollmentTokenIssuer(store.enrollmentTokens(), ids, random, clock);
        PipelineOnNodeViews views = new PipelineOnNodeViews(store.telemetry(), live, clock);
        this.oneShotSettlement = new OneShotSettlement(tx, store.nodeActions(), cache, clock);
        this.warmUp = new FleetCacheWarmUp(tx, store.nodes(), store.nodeActions(), cache);
        this.rollups = new RollupFlush(live, writer, clock);
        this.jobs = new FleetJobs(tx, store.nodes(), store.telemetry(), settings, heartbeatWrites::refusedSince, clock);
        this.rollouts = new RolloutEngine(tx, store.rollouts(), store.deployments(), store.nodes(), store.telemetry(), live, desiredStates, changes,
                audit, ids, clock);
        RolloutService rolloutService = new RolloutService(tx, rollouts, store.pipelines(), store.nodes(), store.telemetry(), desiredStates, audit,
                clock);

        this.agent = new AgentUseCases(
                new AuthenticateAgentService(nodeDirectory),
                new EnrollNodeService(tx, store.enrollmentTokens(), store.environments(), new NodeRegistration(store.nodes(), changes, ids, random),
                        nodeDirectory, store.auditLog(), settings, clock),
                new ReceiveHeartbeatService(nodeDirectory, desiredStates, oneShotSettlement, heartbeatWrites, live, settings, clock),
                new ReceiveLogsAndSamplesService(desiredStates, heartbeatWrites, settings, clock),
                new FetchPipelineConfigService(nodeDirectory, desiredStates),
                new FetchDesiredStateService(nodeDirectory, desiredStates, settings));
        this.fleet = new FleetUseCases(
                new CreateEnrollmentTokenService(tx, issuer, audit),
                new RevokeEnrollmentTokenService(tx, store.enrollmentTokens(), audit, clock),
                new EnrollmentTokenQueryService(tx, store.enrollmentTokens(), store.environments()),
                new NodeUseCases(
                        new SetNodeLabelsService(tx, store.nodes(), changes, audit),
                        new SetNodeMaintenanceService(tx, store.nodes(), changes, audit),
                        new RevokeNodeTokenService(tx, store.nodes(), changes, audit),
                        new DeleteNodeService(tx, store.nodes(), changes, audit, heartbeatWrites, live),
                        new ReenrollNodeService(tx, store.nodes(), issuer, audit),
                        new RestartPipelineService(tx, store.nodes(), store.pipelines(), oneShots, audit),
                        new RequestSampleService(tx, store.nodes(), store.pipelines(), oneShots, audit)),
                new NodeQueryService(tx, store.nodes(), store.environments(), store.nodeActions(), desiredStates, views, live),
                new DeployPipelineService(tx, store.pipelines(), store.deployments(), changes, audit, clock, rollouts),
                new UndeployPipelineService(tx, store.pipelines(), store.deployments(), changes, audit, rollouts),
                new DeploymentQueryService(tx, store.pipelines(), store.deployments(), store.nodes(), desiredStates, views),
                new MetricsQueryService(tx, store.nodes(), store.pipelines(), store.telemetry(), live, settings::pollInterval, clock),
                new LogsAndSamplesQueryService(tx, store.nodes(), store.nodeActions(), store.telemetry()),
                new RegisterAgentReleaseService(tx, store.agentReleases(), store.auditLog(), clock),
                new UpdateNodeAgentService(tx, store.agentReleases(), store.nodes(), oneShots, audit),
                new UpdateEnvironmentAgentsService(tx, store.agentReleases(), store.nodes(), oneShots, audit),
                new AgentReleaseQueryService(tx, store.agentReleases(), store.nodes(), store.fleetOverview()),
                new FleetOverviewService(tx, store.environments(), store.fleetOverview(), store.agentReleases(), desiredStates, live, settings,
                        clock),
                rolloutService, rolloutService, previews(tx, store, desiredStates, oneShots, audit, catalog, codec, clock));
    }

    private static PreviewUseCases previews(Transactions tx, PostgresStore store, DesiredStates desiredStates, OneShotQueue oneShots, FleetAudit audit,
                                            CatalogSource catalog, VectorConfigCodec codec, Clock clock) {
        RequestPreviewService request = new RequestPreviewService(tx, store.pipelines(), store.deployments(), store.nodes(), store.telemetry(),
                oneShots, audit, catalog, codec, store.previews(), clock);
        return new PreviewUseCases(request, request, new RunPreviewService(tx, store.pipelines(), desiredStates, store.previews(), clock));
    }

    /** After a restore replaced the stored fleet: every node's next heartbeat writes everything it reports again. */
    void forgetReportedState() {
        heartbeatWrites.forgetAll();
        oneShotSettlement.forgetAll();
    }
}
