package dev.vectorflow.adapter.postgres.enrollment;

import dev.vectorflow.adapter.postgres.fleet.FleetRows;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.labels;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.EnrollmentToken;
import dev.vectorflow.core.fleet.EnrollmentTokenId;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.ports.out.enrollment.EnrollmentTokenRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link EnrollmentTokenRepository} on {@code enrollment_tokens}. */
public final class PostgresEnrollmentTokenRepository implements EnrollmentTokenRepository {

    private static final String COLUMNS = "id, environment_id, name, token_hash, hint, max_uses, uses, labels, expires_at, revoked_at,"
            + " created_at, created_by, reenroll_node_id";

    private final Supplier<DSLContext> dsl;

    public PostgresEnrollmentTokenRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static EnrollmentToken toToken(Record r) {
        UUID node = r.get("reenroll_node_id", UUID.class);
        return new EnrollmentToken(new EnrollmentTokenId(r.get("id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                r.get("name", String.class), r.get("token_hash", String.class), r.get("hint", String.class), r.get("max_uses", Integer.class),
                r.get("uses", Integer.class), labels(r.get("labels", String.class)), instant(r, "expires_at"),
                FleetRows.optionalInstant(r, "revoked_at"), instant(r, "created_at"), r.get("created_by", String.class),
                Optional.ofNullable(node).map(NodeId::new));
    }

    @Override
    public void insert(EnrollmentToken t) {
        dsl.get().execute("insert into enrollment_tokens (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)", t.id().value(),
                t.environmentId().value(), t.name(), t.tokenHash(), t.hint(), t.maxUses(), t.uses(), labels(t.labels()), utc(t.expiresAt()),
                utc(t.revokedAt().orElse(null)), utc(t.createdAt()), t.createdBy(), t.reenrollNode().map(NodeId::value).orElse(null));
    }

    @Override
    public Optional<EnrollmentToken> findByHashForUpdate(String tokenHash) {
        return dsl.get().fetchOptional("select " + COLUMNS + " from enrollment_tokens where token_hash = ? for update", tokenHash)
                .map(PostgresEnrollmentTokenRepository::toToken);
    }

    @Override
    public Optional<EnrollmentToken> findById(EnrollmentTokenId id) {
        return dsl.get().fetchOptional("select " + COLUMNS + " from enrollment_tokens where id = ?", id.value())
                .map(PostgresEnrollmentTokenRepository::toToken);
    }

    @Override
    public void update(EnrollmentToken t) {
        dsl.get().execute("update enrollment_tokens set uses = ?, revoked_at = ? where id = ?", t.uses(), utc(t.revokedAt().orElse(null)),
                t.id().value());
    }

    @Override
    public List<EnrollmentToken> findByEnvironment(EnvironmentId environment) {
        return dsl.get().fetch("select " + COLUMNS + " from enrollment_tokens where environment_id = ? and reenroll_node_id is null"
                + " order by created_at desc, id", environment.value()).map(PostgresEnrollmentTokenRepository::toToken);
    }
}
