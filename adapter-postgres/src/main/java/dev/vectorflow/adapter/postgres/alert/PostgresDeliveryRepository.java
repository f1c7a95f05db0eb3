package dev.vectorflow.adapter.postgres.alert;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.DeliveryId;
import dev.vectorflow.core.alert.DeliveryStatus;
import dev.vectorflow.ports.out.alert.DeliveryAttempt;
import dev.vectorflow.ports.out.alert.DeliveryRepository;
import dev.vectorflow.ports.out.alert.QueuedDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link DeliveryRepository} on {@code alert_deliveries} and {@code alert_delivery_attempts}. */
public final class PostgresDeliveryRepository implements DeliveryRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresDeliveryRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static QueuedDelivery toDelivery(Record r) {
        return new QueuedDelivery(new DeliveryId(r.get("id", UUID.class)), new AlertChannelId(r.get("channel_id", UUID.class)),
                AlertRecordMapper.notification(r.get("notification", String.class)), DeliveryStatus.valueOf(r.get("status", String.class)),
                r.get("attempts", Integer.class), instant(r, "next_attempt_at"), instant(r, "created_at"));
    }

    @Override
    public void enqueue(QueuedDelivery d) {
        dsl.get().execute("""
                insert into alert_deliveries (id, channel_id, notification, status, attempts, next_attempt_at, created_at) values (?,?,?,?,?,?,?)""",
                d.id().value(), d.channel().value(), AlertRecordMapper.notification(d.notification()), d.status().name(), d.attempts(),
                utc(d.nextAttemptAt()), utc(d.createdAt()));
    }

    @Override
    public List<QueuedDelivery> due(Instant now, int limit) {
        return dsl.get().fetch("select * from alert_deliveries where status = 'QUEUED' and next_attempt_at <= ? order by next_attempt_at, id limit ?",
                utc(now), limit).map(PostgresDeliveryRepository::toDelivery);
    }

    @Override
    public void recordAttempt(DeliveryId id, DeliveryAttempt attempt, DeliveryStatus status, Optional<Instant> nextAttemptAt) {
        dsl.get().execute("insert into alert_delivery_attempts (delivery_id, at, status_code, duration_millis, error) values (?,?,?,?,?)",
                id.value(), utc(attempt.at()), attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : null, attempt.took().toMillis(),
                attempt.error().orElse(null));
        dsl.get().execute("update alert_deliveries set status = ?, attempts = attempts + 1, next_attempt_at = coalesce(?, next_attempt_at) where id = ?",
                status.name(), utc(nextAttemptAt.orElse(null)), id.value());
    }

    @Override
    public List<DeliveryHistory> ofChannel(AlertChannelId channel, int limit) {
        List<QueuedDelivery> deliveries = dsl.get().fetch("select * from alert_deliveries where channel_id = ? order by created_at desc, id limit ?",
                channel.value(), limit).map(PostgresDeliveryRepository::toDelivery);
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<DeliveryAttempt>> attempts = new HashMap<>();
        UUID[] ids = deliveries.stream().map(d -> d.id().value()).toArray(UUID[]::new);
        for (Record r : dsl.get().fetch("select * from alert_delivery_attempts where delivery_id = any(?) order by seq desc", (Object) ids)) {
            Integer code = r.get("status_code", Integer.class);
            attempts.computeIfAbsent(r.get("delivery_id", UUID.class), k -> new ArrayList<>()).add(new DeliveryAttempt(instant(r, "at"),
                    code == null ? OptionalInt.empty() : OptionalInt.of(code), Duration.ofMillis(r.get("duration_millis", Long.class)),
                    Optional.ofNullable(r.get("error", String.class))));
        }
        return deliveries.stream().map(d -> new DeliveryHistory(d, attempts.getOrDefault(d.id().value(), List.of()))).toList();
    }
}
