package dev.vectorflow.ports.out.persistence;

import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Driven port: the append-only, hash-chained audit log. {@link #append} joins the caller's unit
 * of work, so the entry commits together with the change it records, or neither does.
 */
public interface AuditLog {

    AuditEntry append(AuditEvent event);

    /** Entries matching the filter, newest first. */
    List<AuditEntry> find(AuditQuery query);

    /** Every entry in sequence order (for verification and export). */
    void forEachInOrder(Consumer<AuditEntry> consumer);

    /** A filter over the audit log; empty fields match everything. */
    record AuditQuery(Optional<String> actor, Optional<String> action, Optional<String> entityType, Optional<String> entityId,
                      Optional<List<String>> teamIds, Optional<Instant> from, Optional<Instant> to, int limit) {
    }
}
