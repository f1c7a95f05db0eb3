package dev.vectorflow.adapter.postgres.audit;

import static dev.vectorflow.adapter.postgres.jooq.Tables.AUDIT_LOG;

import dev.vectorflow.adapter.postgres.jooq.tables.records.AuditLogRecord;
import dev.vectorflow.core.audit.AuditChain;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.audit.AuditEvent;
import dev.vectorflow.ports.out.persistence.AuditLog;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * {@link AuditLog} on {@code audit_log}. Appends take a transaction-scoped advisory lock so that
 * concurrent units of work extend the chain one after the other.
 */
public final class PostgresAuditLog implements AuditLog {

    /** Arbitrary constant naming the advisory lock that serialises appends. */
    private static final long CHAIN_LOCK = 0x5646_4155_4449_5401L;

    private final Supplier<DSLContext> dsl;
    private final Clock clock;

    public PostgresAuditLog(Supplier<DSLContext> dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        DSLContext db = dsl.get();
        db.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(CHAIN_LOCK))).fetch();
        Record2<Long, String> last = db.select(AUDIT_LOG.SEQUENCE, AUDIT_LOG.HASH).from(AUDIT_LOG)
                .orderBy(AUDIT_LOG.SEQUENCE.desc()).limit(1).fetchOne();
        long sequence = last == null ? 1 : last.value1() + 1;
        String previous = last == null ? AuditChain.GENESIS : last.value2();
        AuditEntry entry = AuditChain.next(sequence, previous, clock.instant(), event);
        AuditLogRecord r = AUDIT_LOG.newRecord();
        r.setSequence(entry.sequence());
        r.setOccurredAt(entry.occurredAt().atOffset(ZoneOffset.UTC));
        r.setActorLabel(entry.actorLabel());
        r.setActorId(entry.actorId());
        r.setSourceAddress(entry.sourceAddress());
        r.setUserAgent(entry.userAgent());
        r.setAction(entry.action());
        r.setEntityType(entry.entityType());
        r.setEntityId(entry.entityId());
        r.setTeamId(entry.teamId());
        r.setChanges(entry.changesJson());
        r.setPreviousHash(entry.previousHash());
        r.setHash(entry.hash());
        db.executeInsert(r);
        return entry;
    }

    private static AuditEntry toDomain(AuditLogRecord r) {
        return new AuditEntry(r.getSequence(), r.getOccurredAt().toInstant(), r.getActorLabel(), r.getActorId(), r.getSourceAddress(),
                r.getUserAgent(), r.getAction(), r.getEntityType(), r.getEntityId(), r.getTeamId(), r.getChanges(), r.getPreviousHash(),
                r.getHash());
    }

    @Override
    public List<AuditEntry> find(AuditQuery q) {
        List<Condition> where = new ArrayList<>();
        q.actor().ifPresent(a -> where.add(AUDIT_LOG.ACTOR_LABEL.containsIgnoreCase(a)));
        q.action().ifPresent(a -> where.add(AUDIT_LOG.ACTION.eq(a).or(AUDIT_LOG.ACTION.startsWith(a + "."))));
        q.entityType().ifPresent(t -> where.add(AUDIT_LOG.ENTITY_TYPE.eq(t)));
        q.entityId().ifPresent(id -> where.add(AUDIT_LOG.ENTITY_ID.eq(id)));
        q.teamIds().ifPresent(teams -> where.add(AUDIT_LOG.TEAM_ID.in(teams)));
        q.from().ifPresent(t -> where.add(AUDIT_LOG.OCCURRED_AT.ge(t.atOffset(ZoneOffset.UTC))));
        q.to().ifPresent(t -> where.add(AUDIT_LOG.OCCURRED_AT.lt(t.atOffset(ZoneOffset.UTC))));
        return dsl.get().selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.SEQUENCE.desc()).limit(q.limit())
                .fetch(PostgresAuditLog::toDomain);
    }

    @Override
    public void forEachInOrder(Consumer<AuditEntry> consumer) {
        try (var cursor = dsl.get().selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQUENCE).fetchSize(500).fetchLazy()) {
            for (AuditLogRecord r : cursor) {
                consumer.accept(toDomain(r));
            }
        }
    }
}
