package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.environment.CreateEnvironmentCommand;
import dev.vectorflow.ports.in.environment.CreateEnvironmentUseCase;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.TeamRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.system.IdGenerator;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.util.Optional;

/** Creates environments in a team; names are unique per team ignoring case. Audited. */
public final class CreateEnvironmentService implements CreateEnvironmentUseCase {

    private final Transactions transactions;
    private final EnvironmentRepository environments;
    private final TeamRepository teams;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public CreateEnvironmentService(Transactions transactions, EnvironmentRepository environments, TeamRepository teams,
                                    AuditLog audit, IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.environments = environments;
        this.teams = teams;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Environment createEnvironment(CreateEnvironmentCommand command) throws ConflictFailure, NotFoundFailure {
        return UniqueNames.claimWithin(transactions, () -> EnvironmentConflicts.nameTaken(command.name()), () -> {
            if (teams.findById(command.teamId()).isEmpty()) {
                throw new NotFoundFailure("Team", command.teamId());
            }
            if (environments.findByName(command.teamId(), command.name()).isPresent()) {
                throw EnvironmentConflicts.nameTaken(command.name());
            }
            Environment created = Environment.create(
                    new EnvironmentId(ids.newId()), command.teamId(), command.name(), command.description(), clock.instant());
            environments.insert(created);
            audit.append(new AuditEvent(command.actor(), "environment.create", "environment", created.id().toString(),
                    Optional.of(created.teamId().toString()),
                    Changes.none().field("name", null, created.name()).field("description", null, created.description())));
            return created;
        });
    }
}
