package dev.vectorflow.ports.in.audit;

import dev.vectorflow.core.access.Principal;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.ports.out.persistence.AuditLog.AuditQuery;
import java.util.List;
import java.util.Optional;

/** Read side of the audit log: filtered listing (limited to the viewer's teams) and chain verification. */
public interface AuditQueries {

    List<AuditEntry> find(Principal viewer, AuditQuery query);

    Verification verify();

    /** The result of walking the whole chain. */
    record Verification(long entriesChecked, Optional<String> firstBrokenLink) {
    }
}
