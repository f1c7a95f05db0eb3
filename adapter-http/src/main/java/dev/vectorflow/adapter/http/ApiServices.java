package dev.vectorflow.adapter.http;

import dev.vectorflow.ports.in.environment.CreateEnvironmentUseCase;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentUseCase;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentUseCase;
import dev.vectorflow.ports.in.system.CheckReadinessUseCase;

/** The use cases the HTTP API drives. */
public record ApiServices(
        CheckReadinessUseCase checkReadiness,
        CreateEnvironmentUseCase createEnvironment,
        UpdateEnvironmentUseCase updateEnvironment,
        DeleteEnvironmentUseCase deleteEnvironment,
        EnvironmentQueries environmentQueries) {
}
