package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.ports.in.environment.CreateEnvironmentCommand;
import dev.vectorflow.ports.in.environment.CreateEnvironmentUseCase;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import dev.vectorflow.ports.out.system.IdGenerator;
import java.time.Clock;

/** Creates environments; names are unique ignoring case. */
public final class CreateEnvironmentService implements CreateEnvironmentUseCase {

    private final Transactions transactions;
    private final EnvironmentRepository environments;
    private final IdGenerator ids;
    private final Clock clock;

    public CreateEnvironmentService(Transactions transactions, EnvironmentRepository environments, IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.environments = environments;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Environment createEnvironment(CreateEnvironmentCommand command) throws ConflictFailure {
        try {
            return transactions.inTransaction(() -> {
                if (environments.findByName(command.name()).isPresent()) {
                    throw EnvironmentConflicts.nameTaken(command.name());
                }
                Environment created = Environment.create(
                        new EnvironmentId(ids.newId()), command.name(), command.description(), clock.instant());
                environments.insert(created);
                return created;
            });
        } catch (UniqueViolation raceLost) {
            throw EnvironmentConflicts.nameTaken(command.name());
        }
    }
}
