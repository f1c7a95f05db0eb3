package dev.vectorflow.core.audit;

import dev.vectorflow.core.access.Actor;
import java.util.Objects;
import java.util.Optional;

/**
 * What a use case appends to the audit log for one change: who, what ({@code action} such as
 * {@code environment.create}), on which entity, in which team, and the field-level diff.
 */
public record AuditEvent(Actor actor, String action, String entityType, String entityId, Optional<String> teamId, Changes changes) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
        entityId = entityId == null ? "" : entityId;
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(changes, "changes");
    }
}
