package dev.vectorflow.ports.service.audit;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditChain;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.ports.in.audit.AuditQueries;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.AuditLog.AuditQuery;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.util.List;
import java.util.Optional;

/** Lists audit entries (team members see their teams' entries, platform admins all) and verifies the chain. */
public final class AuditQueryService implements AuditQueries {

    private final Transactions transactions;
    private final AuditLog audit;

    public AuditQueryService(Transactions transactions, AuditLog audit) {
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public List<AuditEntry> find(Principal viewer, AuditQuery query) {
        AuditQuery scoped = viewer.seesAllTeams() ? query : new AuditQuery(query.actor(), query.action(), query.entityType(),
                query.entityId(), Optional.of(viewer.teams().stream().map(TeamId::toString).toList()), query.from(), query.to(),
                query.limit());
        return transactions.inTransaction(() -> audit.find(scoped));
    }

    @Override
    public Verification verify() {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        transactions.inTransaction(() -> {
            audit.forEachInOrder(verifier::accept);
            return null;
        });
        return new Verification(verifier.checked(), verifier.firstProblem());
    }
}
