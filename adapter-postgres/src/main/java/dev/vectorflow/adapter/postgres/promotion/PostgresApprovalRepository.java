package dev.vectorflow.adapter.postgres.promotion;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.optionalInstant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ApprovalRequestId;
import dev.vectorflow.core.promotion.ApprovalState;
import dev.vectorflow.ports.out.promotion.ApprovalRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link ApprovalRepository} on {@code approval_requests}; the held action is a JSON object ({@link ApprovalActionJson}). */
public final class PostgresApprovalRepository implements ApprovalRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresApprovalRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static ApprovalRequest toRequest(Record r) {
        return new ApprovalRequest(new ApprovalRequestId(r.get("id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                ApprovalActionJson.read(r.get("kind", String.class), r.get("action", String.class)), r.get("requested_by", String.class),
                r.get("requester_id", String.class), instant(r, "requested_at"), instant(r, "expires_at"),
                ApprovalState.valueOf(r.get("state", String.class)), Optional.ofNullable(r.get("decided_by", String.class)),
                optionalInstant(r, "decided_at"), r.get("reason", String.class));
    }

    @Override
    public void insert(ApprovalRequest request) {
        dsl.get().execute("""
                insert into approval_requests (id, environment_id, kind, action, requested_by, requester_id, requested_at, expires_at, state,
                    decided_by, decided_at, reason) values (?,?,?,?,?,?,?,?,?,?,?,?)""",
                request.id().value(), request.environment().value(), ApprovalActionJson.kind(request.action()),
                ApprovalActionJson.write(request.action()), request.requestedBy(), request.requesterId(), utc(request.requestedAt()),
                utc(request.expiresAt()), request.state().name(), request.decidedBy().orElse(null), utc(request.decidedAt().orElse(null)),
                request.reason());
    }

    @Override
    public boolean decide(ApprovalRequest decided) {
        return dsl.get().execute("""
                update approval_requests set state = ?, decided_by = ?, decided_at = ?, reason = ?
                where id = ? and state = 'PENDING' and expires_at > ?""",
                decided.state().name(), decided.decidedBy().orElse(null), utc(decided.decidedAt().orElse(null)), decided.reason(),
                decided.id().value(), utc(decided.decidedAt().orElseThrow())) == 1;
    }

    @Override
    public void reopen(ApprovalRequestId id) {
        dsl.get().execute("update approval_requests set state = 'PENDING', decided_by = null, decided_at = null where id = ?", id.value());
    }

    @Override
    public Optional<ApprovalRequest> find(ApprovalRequestId id) {
        return dsl.get().fetchOptional("select * from approval_requests where id = ?", id.value()).map(PostgresApprovalRepository::toRequest);
    }

    @Override
    public List<ApprovalRequest> findByEnvironment(EnvironmentId environment, Filter filter, int limit) {
        List<Object> binds = new ArrayList<>(List.of(environment.value()));
        String where = switch (filter) {
            case All all -> "";
            case PendingAt p -> {
                binds.add(utc(p.now()));
                yield " and state = 'PENDING' and expires_at > ?";
            }
            case ExpiredAt e -> {
                binds.add(utc(e.now()));
                yield " and state = 'PENDING' and expires_at <= ?";
            }
            case Decided d -> " and state = '" + (d.approved() ? ApprovalState.APPROVED : ApprovalState.REJECTED).name() + "'";
        };
        binds.add(limit);
        return dsl.get().fetch("select * from approval_requests where environment_id = ?" + where + " order by requested_at desc, id limit ?",
                binds.toArray()).map(PostgresApprovalRepository::toRequest);
    }
}
