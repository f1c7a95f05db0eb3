package dev.vectorflow.ports.service.release;

import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.ports.in.release.RegisterAgentReleaseCommand;
import dev.vectorflow.ports.in.release.RegisterAgentReleaseUseCase;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.UniqueNames;
import java.time.Clock;
import java.util.Optional;

/** Registers agent releases, one per version, stamped with who registered them and when. Audited. */
public final class RegisterAgentReleaseService implements RegisterAgentReleaseUseCase {

    private final Transactions transactions;
    private final AgentReleaseRepository releases;
    private final AuditLog audit;
    private final Clock clock;

    public RegisterAgentReleaseService(Transactions transactions, AgentReleaseRepository releases, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.releases = releases;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public AgentRelease registerAgentRelease(RegisterAgentReleaseCommand command) throws ConflictFailure {
        AgentRelease release = command.release();
        AgentRelease stamped = new AgentRelease(release.version(), release.downloadUrl(), release.checksum(), release.signature(),
                release.notes(), clock.instant(), command.actor().label());
        return UniqueNames.claim(transactions, () -> taken(stamped.version()), () -> {
            if (releases.find(stamped.version()).isPresent()) {
                throw taken(stamped.version());
            }
            releases.insert(stamped);
            audit.append(new AuditEvent(command.actor(), "agent_release.create", "agent_release", stamped.version(), Optional.empty(),
                    Changes.none().field("downloadUrl", null, stamped.downloadUrl()).field("checksum", null, stamped.checksum())));
            return stamped;
        });
    }

    private static ConflictFailure taken(String version) {
        return ConflictFailure.onField("version", "Agent release " + version + " is registered already");
    }
}
