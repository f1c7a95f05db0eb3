package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.DomainFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentCommand;
import dev.vectorflow.ports.in.environment.DeleteEnvironmentUseCase;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.SecretRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.Optional;

/**
 * Deletes environments, refusing (ConflictFailure) while they still hold pipelines, secrets or
 * certificates (nodes join that list when they arrive).
 */
public final class DeleteEnvironmentService implements DeleteEnvironmentUseCase {

    private final Transactions transactions;
    private final EnvironmentRepository environments;
    private final AuditLog audit;
    private final SecretRepository secrets;
    private final PipelineRepository pipelines;

    public DeleteEnvironmentService(Transactions transactions, EnvironmentRepository environments, AuditLog audit, SecretRepository secrets,
                                    PipelineRepository pipelines) {
        this.transactions = transactions;
        this.environments = environments;
        this.audit = audit;
        this.secrets = secrets;
        this.pipelines = pipelines;
    }

    @Override
    public void deleteEnvironment(DeleteEnvironmentCommand command) throws NotFoundFailure, ConflictFailure {
        try {
            transactions.inTransaction(() -> {
                Environment gone = environments.findById(command.id()).orElseThrow(() -> new NotFoundFailure("Environment", command.id()));
                long pipelineCount = pipelines.countByEnvironment(command.id());
                if (pipelineCount > 0) {
                    throw ConflictFailure.onState("The environment still holds " + pipelineCount + " pipeline(s); delete them first.");
                }
                long held = secrets.countByEnvironment(command.id());
                if (held > 0) {
                    throw ConflictFailure.onState("The environment still holds " + held + " secret(s) or certificate(s); delete them first.");
                }
                environments.delete(command.id());
                audit.append(new AuditEvent(command.actor(), "environment.delete", "environment", gone.id().toString(),
                        Optional.of(gone.teamId().toString()),
                        Changes.none().field("name", gone.name(), null).field("description", gone.description(), null)));
                return null;
            });
        } catch (NotFoundFailure | ConflictFailure expected) {
            throw expected;
        } catch (DomainFailure unexpected) {
            // the unit of work above raises only the two failures caught before this one
            throw new IllegalStateException(unexpected);
        }
    }
}
