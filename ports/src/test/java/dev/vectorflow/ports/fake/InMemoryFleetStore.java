package dev.vectorflow.ports.fake;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.identity.TeamId;
import java.time.Instant;
import java.util.UUID;

/** The in-memory fakes of the fleet's repositories in one unit of work, for the contracts' fake runs. */
public final class InMemoryFleetStore {

    public final InMemoryTransactions transactions = new InMemoryTransactions();
    public final InMemoryEnvironmentRepository environments = transactions.register(new InMemoryEnvironmentRepository());
    public final InMemoryNodeRepository nodes = transactions.register(new InMemoryNodeRepository());
    public final InMemoryNodeActionRepository actions = transactions.register(new InMemoryNodeActionRepository());
    public final InMemoryPipelineRepository pipelines = transactions.register(new InMemoryPipelineRepository());
    public final InMemoryDeploymentRepository deployments = transactions.register(new InMemoryDeploymentRepository());
    public final InMemoryEnrollmentTokenRepository enrollmentTokens = transactions.register(new InMemoryEnrollmentTokenRepository());
    public final InMemoryAgentReleaseRepository agentReleases = transactions.register(new InMemoryAgentReleaseRepository());
    public final InMemorySecretRepository secrets = transactions.register(new InMemorySecretRepository());

    public EnvironmentId newEnvironment() {
        Environment environment = Environment.create(new EnvironmentId(UUID.randomUUID()), new TeamId(UUID.randomUUID()),
                new EnvironmentName("env-" + UUID.randomUUID()), "", Instant.parse("2026-12-01T10:00:00Z"));
        transactions.inTransaction(() -> {
            environments.insert(environment);
            return null;
        });
        return environment.id();
    }
}
