package dev.vectorflow.ports.service.environment;

import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentCommand;
import dev.vectorflow.ports.in.environment.UpdateEnvironmentUseCase;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.util.Optional;

/** Renames and re-describes environments and switches their approval requirement. A command that changes nothing leaves it (and the audit log) alone. */
public final class UpdateEnvironmentService implements UpdateEnvironmentUseCase {

    private final Transactions transactions;
    private final EnvironmentRepository environments;
    private final AuditLog audit;
    private final Clock clock;

    public UpdateEnvironmentService(Transactions transactions, EnvironmentRepository environments, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.environments = environments;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Environment updateEnvironment(UpdateEnvironmentCommand command) throws NotFoundFailure, ConflictFailure {
        return UniqueNames.claimWithin(transactions, () -> EnvironmentConflicts.nameTaken(command.name().orElseThrow()), () -> {
            Environment current = environments.findById(command.id())
                    .orElseThrow(() -> new NotFoundFailure("Environment", command.id()));
            Environment changed = current;
            if (command.name().isPresent() && !command.name().get().equals(current.name())) {
                EnvironmentName newName = command.name().get();
                boolean takenByAnother = environments.findByName(current.teamId(), newName)
                        .filter(other -> !other.id().equals(current.id()))
                        .isPresent();
                if (takenByAnother) {
                    throw EnvironmentConflicts.nameTaken(newName);
                }
                changed = changed.renamed(newName, clock.instant());
            }
            if (command.description().isPresent() && !command.description().get().equals(current.description())) {
                changed = changed.described(command.description().get(), clock.instant());
            }
            if (command.requiresApproval().isPresent() && command.requiresApproval().get() != current.requiresApproval()) {
                changed = changed.withApprovalRequired(command.requiresApproval().get(), clock.instant());
            }
            if (changed != current) {
                environments.update(changed);
                audit.append(new AuditEvent(command.actor(), "environment.update", "environment", current.id().toString(),
                        Optional.of(current.teamId().toString()),
                        Changes.none().field("name", current.name(), changed.name())
                                .field("description", current.description(), changed.description())
                                .field("requiresApproval", current.requiresApproval(), changed.requiresApproval())));
            }
            return changed;
        });
    }
}
