package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.environment.EnvironmentQueries;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.List;

/** Answers the environment queries from the repository. */
public final class EnvironmentQueryService implements EnvironmentQueries {

    private final Transactions transactions;
    private final EnvironmentRepository environments;

    public EnvironmentQueryService(Transactions transactions, EnvironmentRepository environments) {
        this.transactions = transactions;
        this.environments = environments;
    }

    @Override
    public List<Environment> listEnvironments() {
        return transactions.inTransaction(environments::findAll);
    }

    @Override
    public Environment getEnvironment(EnvironmentId id) throws NotFoundFailure {
        return transactions.inTransaction(() -> environments.findById(id)
                .orElseThrow(() -> new NotFoundFailure("Environment", id)));
    }
}
