package dev.vectorflow.adapter.postgres.settings;

import static dev.vectorflow.adapter.postgres.jooq.Tables.SYSTEM_SETTINGS;

import dev.vectorflow.ports.out.settings.SettingsRepository;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link SettingsRepository} on the {@code system_settings} table. */
public final class PostgresSettingsRepository implements SettingsRepository {

    private final Supplier<DSLContext> dsl;

    public PostgresSettingsRepository(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<String, StoredSetting> findAll() {
        Map<String, StoredSetting> all = new LinkedHashMap<>();
        dsl.get().selectFrom(SYSTEM_SETTINGS).orderBy(SYSTEM_SETTINGS.KEY).forEach(r ->
                all.put(r.getKey(), new StoredSetting(r.getValue(), r.getUpdatedAt().toInstant(), r.getUpdatedBy())));
        return all;
    }

    @Override
    public void put(String key, StoredSetting setting) {
        dsl.get().insertInto(SYSTEM_SETTINGS)
                .set(SYSTEM_SETTINGS.KEY, key)
                .set(SYSTEM_SETTINGS.VALUE, setting.value())
                .set(SYSTEM_SETTINGS.UPDATED_AT, setting.updatedAt().atOffset(ZoneOffset.UTC))
                .set(SYSTEM_SETTINGS.UPDATED_BY, setting.updatedBy())
                .onConflict(SYSTEM_SETTINGS.KEY).doUpdate()
                .set(SYSTEM_SETTINGS.VALUE, setting.value())
                .set(SYSTEM_SETTINGS.UPDATED_AT, setting.updatedAt().atOffset(ZoneOffset.UTC))
                .set(SYSTEM_SETTINGS.UPDATED_BY, setting.updatedBy())
                .execute();
    }

    @Override
    public boolean delete(String key) {
        return dsl.get().deleteFrom(SYSTEM_SETTINGS).where(SYSTEM_SETTINGS.KEY.eq(key)).execute() == 1;
    }
}
