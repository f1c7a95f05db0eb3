package dev.vectorflow.ports.out.settings;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Driven port: the settings store, one row per setting that differs from its default (a secret only as an envelope). */
public interface SettingsRepository {

    /** A stored value: canonical text, or for a secret the envelope sealed by the key ring; who stored it and when. */
    record StoredSetting(String value, Instant updatedAt, String updatedBy) {
        public StoredSetting {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(updatedBy, "updatedBy");
        }

        @Override
        public String toString() {
            return "StoredSetting[updatedAt=" + updatedAt + ", by=" + updatedBy + "]";
        }
    }

    /** Every stored setting by key. */
    Map<String, StoredSetting> findAll();

    /** Stores a value (replacing the one stored before). */
    void put(String key, StoredSetting setting);

    /** Removes a stored value (the setting falls back to its default); false when none was stored. */
    boolean delete(String key);
}
