package dev.vectorflow.ports.out.settings;

/**
 * Driven port: tells every server sharing the database that settings (or OpenID Connect providers) changed; delivered
 * when the unit of work commits, so each server reads the store again within moments.
 */
public interface SettingsChanges {

    void settingsChanged();
}
