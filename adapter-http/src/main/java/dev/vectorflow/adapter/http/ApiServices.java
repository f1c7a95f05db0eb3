package dev.vectorflow.adapter.http;

import dev.vectorflow.ports.in.audit.AuditQueries;
import dev.vectorflow.ports.in.environment.CreateEnvironmentUseCase;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentUseCase;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentUseCase;
import dev.vectorflow.ports.in.identity.ApiTokenQueries;
import dev.vectorflow.ports.in.identity.AuthenticateUseCase;
import dev.vectorflow.ports.in.identity.ChangePasswordUseCase;
import dev.vectorflow.ports.in.identity.ManageApiTokensUseCase;
import dev.vectorflow.ports.in.identity.ManageTeamsUseCase;
import dev.vectorflow.ports.in.identity.ManageUsersUseCase;
import dev.vectorflow.ports.in.identity.SetupUseCase;
import dev.vectorflow.ports.in.identity.SignInUseCase;
import dev.vectorflow.ports.in.identity.SignOutUseCase;
import dev.vectorflow.ports.in.identity.TeamQueries;
import dev.vectorflow.ports.in.identity.UserQueries;
import dev.vectorflow.ports.in.pipeline.ManagePipelinesUseCase;
import dev.vectorflow.ports.in.pipeline.PipelineQueries;
import dev.vectorflow.ports.in.pipeline.PublishPipelineUseCase;
import dev.vectorflow.ports.in.secret.ManageCertificatesUseCase;
import dev.vectorflow.ports.in.secret.ManageSecretsUseCase;
import dev.vectorflow.ports.in.secret.SecretQueries;
import dev.vectorflow.ports.in.system.CheckReadinessUseCase;
import dev.vectorflow.ports.in.system.ServerStatsQueries;

/** The use cases the HTTP API drives. */
public record ApiServices(
        CheckReadinessUseCase checkReadiness,
        CreateEnvironmentUseCase createEnvironment,
        UpdateEnvironmentUseCase updateEnvironment,
        DeleteEnvironmentUseCase deleteEnvironment,
        EnvironmentQueries environmentQueries,
        SignInUseCase signIn,
        AuthenticateUseCase authenticate,
        SignOutUseCase signOut,
        ChangePasswordUseCase changePassword,
        SetupUseCase setup,
        ManageUsersUseCase manageUsers,
        UserQueries userQueries,
        ManageTeamsUseCase manageTeams,
        TeamQueries teamQueries,
        ManageApiTokensUseCase manageApiTokens,
        ApiTokenQueries apiTokenQueries,
        AuditQueries auditQueries,
        ManageSecretsUseCase manageSecrets,
        ManageCertificatesUseCase manageCertificates,
        SecretQueries secretQueries,
        ManagePipelinesUseCase managePipelines,
        PublishPipelineUseCase publishPipelines,
        PipelineQueries pipelineQueries,
        AgentUseCases agent,
        FleetUseCases fleet,
        ServerStatsQueries serverStats) {
}
