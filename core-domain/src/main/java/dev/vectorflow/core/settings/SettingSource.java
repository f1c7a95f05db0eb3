package dev.vectorflow.core.settings;

/** Where a setting's effective value comes from: an environment variable wins over a stored value, which wins over the default. */
public enum SettingSource {
    ENVIRONMENT, STORED, DEFAULT
}
