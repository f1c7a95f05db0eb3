package dev.vectorflow.ports.in.settings;

import dev.vectorflow.core.settings.SettingDefinition;
import dev.vectorflow.core.settings.SettingSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Queries: every setting with its effective value and where that comes from. */
public interface SettingsQueries {

    /** Every setting of the catalog, in display order. */
    List<SettingView> listSettings();

    /**
     * One setting as an admin sees it: the effective value ({@code ""} for a secret, whose {@code secretSet} tells whether
     * it has one), its source (an environment variable's value cannot be changed here), and who stored it last.
     */
    record SettingView(SettingDefinition definition, String value, SettingSource source, boolean secretSet, Optional<Instant> updatedAt,
                       Optional<String> updatedBy) {
        public SettingView {
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(updatedBy, "updatedBy");
        }

        public boolean lockedByEnvironment() {
            return source == SettingSource.ENVIRONMENT;
        }
    }
}
