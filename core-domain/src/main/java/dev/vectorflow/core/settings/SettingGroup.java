package dev.vectorflow.core.settings;

/** Where a setting is shown in the Settings area, in this order. */
public enum SettingGroup {
    FLEET("Fleet"),
    RETENTION("Retention"),
    AUTHENTICATION("Authentication"),
    BACKUPS("Backups"),
    ALERTS("Alerts");

    private final String label;

    SettingGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
