package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.core.audit.Changes;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.ports.out.persistence.AuditLog;
import dev.vectorflow.ports.out.persistence.EnvironmentRepository;
import java.util.Optional;

/** Appends the fleet's audit entries under the team that owns the environment concerned (inside the caller's unit of work). */
public final class FleetAudit {

    private final AuditLog audit;
    private final EnvironmentRepository environments;

    public FleetAudit(AuditLog audit, EnvironmentRepository environments) {
        this.audit = audit;
        this.environments = environments;
    }

    /** @throws NotFoundFailure when there is no such environment */
    public Environment environment(EnvironmentId id) throws NotFoundFailure {
        return environments.findById(id).orElseThrow(() -> new NotFoundFailure("Environment", id));
    }

    /** An entry about a node. */
    public void node(Actor actor, String action, Node node, Changes changes) throws NotFoundFailure {
        record(actor, action, "node", node.id().toString(), node.environmentId(), changes);
    }

    /** An entry about {@code entityType} {@code entityId} of an environment. */
    public void record(Actor actor, String action, String entityType, String entityId, EnvironmentId environment, Changes changes)
            throws NotFoundFailure {
        audit.append(new AuditEvent(actor, action, entityType, entityId, Optional.of(environment(environment).teamId().toString()), changes));
    }
}
