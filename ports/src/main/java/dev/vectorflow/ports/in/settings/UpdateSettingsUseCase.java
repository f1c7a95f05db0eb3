package dev.vectorflow.ports.in.settings;

import dev.vectorflow.core.access.Actor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: change stored settings. Every value is checked (types, ranges, and the rules between settings) before
 * anything is written; when one is invalid, every problem is reported and nothing changes. A change is audited with its
 * diff (secrets redacted) and reaches every server within moments.
 */
public interface UpdateSettingsUseCase {

    /**
     * @throws dev.vectorflow.core.validation.InvalidValuesException listing every problem (nothing was changed)
     */
    java.util.List<SettingsQueries.SettingView> updateSettings(Actor actor, UpdateSettingsCommand command);

    /** New values by key; an empty value puts the setting back to its default. */
    record UpdateSettingsCommand(Map<String, Optional<String>> values) {
        public UpdateSettingsCommand {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String toString() {
            return "UpdateSettingsCommand" + values.keySet();
        }
    }
}
