package dev.vectorflow.core.settings;

import java.util.Objects;

/**
 * One setting an operator can tune at run time: its key ({@code fleet.pollIntervalMs}), where it is shown, what it
 * means, the environment variable that overrides it, its type and default, whether it is a secret (sealed when stored,
 * never shown) and whether a change needs a restart.
 */
public record SettingDefinition(String key, SettingGroup group, String label, String description, String environmentVariable,
                                SettingType type, String defaultValue, boolean secret, boolean restartRequired) {

    public SettingDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(environmentVariable, "environmentVariable");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (!defaultValue.isEmpty() || !type.optional()) {
            type.canonical(key, defaultValue);
        }
    }

    /**
     * The canonical form of {@code text}.
     *
     * @throws dev.vectorflow.core.validation.InvalidValueException on this setting's key, naming what is wrong
     */
    public String canonical(String text) {
        String value = text == null ? "" : text;
        if (value.strip().isEmpty() && !type.optional()) {
            throw new dev.vectorflow.core.validation.InvalidValueException(key, "must not be empty");
        }
        if (value.length() > 4000) {
            throw new dev.vectorflow.core.validation.InvalidValueException(key, "must be at most 4000 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new dev.vectorflow.core.validation.InvalidValueException(key, "must not contain control characters");
            }
        }
        return type.canonical(key, value);
    }

    /** The value as it may be shown: a secret's never is. */
    public String shown(String value) {
        return secret ? (value.isEmpty() ? "" : "****") : value;
    }
}
