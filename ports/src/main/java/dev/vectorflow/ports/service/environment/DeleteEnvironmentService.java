package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentCommand;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentUseCase;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;

/**
 * Deletes environments. Environments hold nothing else yet; when pipelines, nodes and secrets
 * arrive, this service refuses (ConflictFailure) while any of them remain.
 */
public final class DeleteEnvironmentService implements DeleteEnvironmentUseCase {

    private final Transactions transactions;
    private final EnvironmentRepository environments;

    public DeleteEnvironmentService(Transactions transactions, EnvironmentRepository environments) {
        this.transactions = transactions;
        this.environments = environments;
    }

    @Override
    public void deleteEnvironment(DeleteEnvironmentCommand command) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            if (!environments.delete(command.id())) {
                throw new NotFoundFailure("Environment", command.id());
            }
            return null;
        });
    }
}
