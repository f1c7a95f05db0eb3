package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentCommand;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentUseCase;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.Optional;

/**
 * Deletes environments. Environments hold nothing else yet; when pipelines, nodes and secrets
 * arrive, this service refuses (ConflictFailure) while any of them remain.
 */
public final class DeleteEnvironmentService implements DeleteEnvironmentUseCase {

    private final Transactions transactions;
    private final EnvironmentRepository environments;
    private final AuditLog audit;

    public DeleteEnvironmentService(Transactions transactions, EnvironmentRepository environments, AuditLog audit) {
        this.transactions = transactions;
        this.environments = environments;
        this.audit = audit;
    }

    @Override
    public void deleteEnvironment(DeleteEnvironmentCommand command) throws NotFoundFailure {
        transactions.inTransaction(() -> {
            Environment gone = environments.findById(command.id()).orElseThrow(() -> new NotFoundFailure("Environment", command.id()));
            environments.delete(command.id());
            audit.append(new AuditEvent(command.actor(), "environment.delete", "environment", gone.id().toString(),
                    Optional.of(gone.teamId().toString()),
                    Changes.none().field("name", gone.name(), null).field("description", gone.description(), null)));
            return null;
        });
    }
}
