package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.List;
import java.util.Optional;

/** Answers the environment queries from the repository, limited to what the viewer's teams own. */
public final class EnvironmentQueryService implements EnvironmentQueries {

    private final Transactions transactions;
    private final EnvironmentRepository environments;

    public EnvironmentQueryService(Transactions transactions, EnvironmentRepository environments) {
        this.transactions = transactions;
        this.environments = environments;
    }

    @Override
    public List<Environment> listEnvironments(Principal viewer) {
        if (viewer.seesAllTeams()) {
            return transactions.inTransaction(environments::findAll);
        }
        if (viewer.teams().isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction(() -> environments.findByTeams(viewer.teams()));
    }

    @Override
    public Environment getEnvironment(EnvironmentId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> environments.findById(id)
                .orElseThrow(() -> new NotFoundFailure("Environment", id)));
    }

    @Override
    public Optional<TeamId> owningTeam(EnvironmentId id) {
        return transactions.inTransaction(() -> environments.findById(id).map(Environment::teamId));
    }
}
