package dev.vectorflow.adapter.http;

import dev.vectorflow.adapter.http.node.NodeUseCases;
import dev.vectorflow.ports.in.deployment.DeployPipelineUseCase;
import dev.vectorflow.ports.in.deployment.DeploymentQueries;
import dev.vectorflow.ports.in.deployment.UndeployPipelineUseCase;
import dev.vectorflow.ports.in.enrollment.CreateEnrollmentTokenUseCase;
import dev.vectorflow.ports.in.enrollment.EnrollmentTokenQueries;
import dev.vectorflow.ports.in.enrollment.RevokeEnrollmentTokenUseCase;
import dev.vectorflow.ports.in.fleet.FleetOverviewQueries;
import dev.vectorflow.ports.in.node.NodeQueries;
import dev.vectorflow.ports.in.release.AgentReleaseQueries;
import dev.vectorflow.ports.in.release.RegisterAgentReleaseUseCase;
import dev.vectorflow.ports.in.release.UpdateEnvironmentAgentsUseCase;
import dev.vectorflow.ports.in.release.UpdateNodeAgentUseCase;
import dev.vectorflow.ports.in.telemetry.LogsAndSamplesQueries;
import dev.vectorflow.ports.in.rollout.ControlRolloutUseCase;
import dev.vectorflow.ports.in.rollout.RolloutQueries;
import dev.vectorflow.ports.in.telemetry.MetricsQueries;

/** The use cases the fleet screens drive: enrollment tokens, nodes, deployments and their rollouts, telemetry, agent releases, the dashboard, previews. */
public record FleetUseCases(CreateEnrollmentTokenUseCase createEnrollmentToken, RevokeEnrollmentTokenUseCase revokeEnrollmentToken,
                            EnrollmentTokenQueries enrollmentTokenQueries, NodeUseCases nodes, NodeQueries nodeQueries,
                            DeployPipelineUseCase deployPipeline, UndeployPipelineUseCase undeployPipeline, DeploymentQueries deploymentQueries,
                            MetricsQueries metricsQueries, LogsAndSamplesQueries logsAndSamplesQueries,
                            RegisterAgentReleaseUseCase registerAgentRelease, UpdateNodeAgentUseCase updateNodeAgent,
                            UpdateEnvironmentAgentsUseCase updateEnvironmentAgents, AgentReleaseQueries agentReleaseQueries,
                            FleetOverviewQueries fleetOverview, RolloutQueries rolloutQueries, ControlRolloutUseCase controlRollout,
                            PreviewUseCases previews) {
}
