package dev.vectorflow.ports.service.promotion;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;
import dev.vectorflow.ports.out.system.IdGenerator;
import java.time.Clock;
import java.util.Optional;

/** Holds a deploy or promotion into an environment that requires approval: stores the request and audits it. */
public final class ApprovalGate {

    private final Transactions transactions;
    private final ApprovalRepository approvals;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public ApprovalGate(Transactions transactions, ApprovalRepository approvals, AuditLog audit, IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new pending request for {@code action} into {@code environment}, asked by {@code actor}. */
    public ApprovalRequest hold(Actor actor, Environment environment, ApprovalAction action) {
        ApprovalRequest request = ApprovalRequest.pending(new ApprovalRequestId(ids.newId()), environment.id(), action, actor.label(),
                actor.actorId(), clock.instant());
        return transactions.inTransaction(() -> {
            approvals.insert(request);
            audit.append(new AuditEvent(actor, "approval.request", "approval", request.id().toString(),
                    Optional.of(environment.teamId().toString()), describe(action).field("environment", null, environment.name())
                    .field("expiresAt", null, request.expiresAt())));
            return request;
        });
    }

    /** The audit fields of an action. */
    static Changes describe(ApprovalAction action) {
        return switch (action) {
            case ApprovalAction.Deploy d -> Changes.none().field("kind", null, "deploy").field("pipeline", null, d.pipeline())
                    .field("version", null, d.version()).field("selector", null, d.selector().toString());
            case ApprovalAction.Promote p -> Changes.none().field("kind", null, "promote").field("pipeline", null, p.source())
                    .field("version", null, p.version()).field("values", null, p.values().size())
                    .field("deploy", null, p.deploy().map(Object::toString).orElse(null));
        };
    }
}
