package dev.vectorflow.adapter.postgres.alert;

import static dev.vectorflow.adapter.postgres.fleet.FleetRows.instant;
import static dev.vectorflow.adapter.postgres.fleet.FleetRows.utc;

import dev.vectorflow.core.alert.AlertChannel;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.ports.out.alert.AlertChannelRepository;
import dev.vectorflow.ports.out.alert.StoredChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link AlertChannelRepository} on {@code alert_channels}; names are unique per environment through {@code name_key}. */
public final class PostgresAlertChannelRepository implements AlertChannelRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresAlertChannelRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    private static StoredChannel toChannel(Record r) {
        String set = r.get("secrets_set", String.class);
        AlertChannel channel = new AlertChannel(new AlertChannelId(r.get("id", UUID.class)), new EnvironmentId(r.get("environment_id", UUID.class)),
                r.get("name", String.class), ChannelKind.valueOf(r.get("kind", String.class)), AlertRecordMapper.stringMap(r.get("settings", String.class)),
                set.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(set.split(","))), r.get("enabled", Boolean.class), r.get("created_by", String.class),
                instant(r, "created_at"), instant(r, "updated_at"));
        return new StoredChannel(channel, r.get("sealed_secrets", String.class));
    }

    private static Object[] values(StoredChannel s) {
        AlertChannel c = s.channel();
        return new Object[] {c.environmentId().value(), c.name(), c.name().toLowerCase(Locale.ROOT), c.kind().name(),
                AlertRecordMapper.json(c.settings()), String.join(",", c.secretsSet().stream().sorted().toList()), s.sealedSecrets(), c.enabled(),
                c.createdBy(), utc(c.createdAt()), utc(c.updatedAt()), c.id().value()};
    }

    @Override
    public void insert(StoredChannel channel) {
        dsl.get().execute("""
                insert into alert_channels (environment_id, name, name_key, kind, settings, secrets_set, sealed_secrets, enabled, created_by,
                    created_at, updated_at, id) values (?,?,?,?,?,?,?,?,?,?,?,?)""", values(channel));
    }

    @Override
    public void update(StoredChannel channel) {
        dsl.get().execute("""
                update alert_channels set environment_id = ?, name = ?, name_key = ?, kind = ?, settings = ?, secrets_set = ?, sealed_secrets = ?,
                    enabled = ?, created_by = ?, created_at = ?, updated_at = ? where id = ?""", values(channel));
    }

    @Override
    public boolean delete(AlertChannelId id) {
        return dsl.get().execute("delete from alert_channels where id = ?", id.value()) > 0;
    }

    @Override
    public Optional<StoredChannel> findById(AlertChannelId id) {
        return dsl.get().fetchOptional("select * from alert_channels where id = ?", id.value()).map(PostgresAlertChannelRepository::toChannel);
    }

    @Override
    public List<StoredChannel> findByEnvironment(EnvironmentId environment) {
        return dsl.get().fetch("select * from alert_channels where environment_id = ? order by name_key", environment.value())
                .map(PostgresAlertChannelRepository::toChannel);
    }
}
