package dev.vectorflow.ports.fake;

import dev.vectorflow.core.audit.AuditChain;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.ports.out.persistence.AuditLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Fake of {@link AuditLog}: the same hash chain, in a list. */
public final class InMemoryAuditLog implements AuditLog, InMemoryTransactions.Participant {

    private final Clock clock;
    private List<AuditEntry> entries = new ArrayList<>();

    public InMemoryAuditLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        AuditEntry last = entries.isEmpty() ? null : entries.getLast();
        AuditEntry entry = AuditChain.next(last == null ? 1 : last.sequence() + 1, last == null ? AuditChain.GENESIS : last.hash(),
                clock.instant(), event);
        entries.add(entry);
        return entry;
    }

    @Override
    public List<AuditEntry> find(AuditQuery q) {
        return entries.stream()
                .filter(e -> q.action().map(a -> e.action().equals(a) || e.action().startsWith(a + ".")).orElse(true))
                .filter(e -> q.entityType().map(e.entityType()::equals).orElse(true))
                .filter(e -> q.entityId().map(e.entityId()::equals).orElse(true))
                .filter(e -> q.actor().map(a -> e.actorLabel().toLowerCase().contains(a.toLowerCase())).orElse(true))
                .filter(e -> q.teamIds().map(t -> t.contains(e.teamId())).orElse(true))
                .filter(e -> q.from().map(f -> !e.occurredAt().isBefore(f)).orElse(true))
                .filter(e -> q.to().map(t -> e.occurredAt().isBefore(t)).orElse(true))
                .sorted(Comparator.comparingLong(AuditEntry::sequence).reversed())
                .limit(q.limit())
                .toList();
    }

    @Override
    public void forEachInOrder(Consumer<AuditEntry> consumer) {
        entries.forEach(consumer);
    }

    /** Test access: every entry, oldest first. */
    public List<AuditEntry> all() {
        return List.copyOf(entries);
    }

    @Override
    public Object snapshot() {
        return new ArrayList<>(entries);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        entries = new ArrayList<>((List<AuditEntry>) snapshot);
    }
}
