package dev.vectorflow.core.settings;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective value of every setting at one moment, with where it came from: the environment, the store, or the
 * default. Built by {@link #resolve}; immutable. Secret values are held in plain text here (in memory only) and never
 * printed by {@link #toString()}.
 */
public final class SettingsSnapshot {

    /** One effective value and its source. */
    public record Effective(String value, SettingSource source) {
        public Effective {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }

    private final Map<String, Effective> values;

    private SettingsSnapshot(Map<String, Effective> values) {
        this.values = java.util.Collections.unmodifiableMap(values);
    }

    /**
     * Every setting of the catalog: the environment's value when it has one, else the stored one, else the default.
     * Values must already be canonical (checked when they were read or written).
     */
    public static SettingsSnapshot resolve(Map<String, String> environment, Map<String, String> stored) {
        Map<String, Effective> values = new LinkedHashMap<>();
        for (SettingDefinition d : SettingsCatalog.all()) {
            if (environment.containsKey(d.key())) {
                values.put(d.key(), new Effective(environment.get(d.key()), SettingSource.ENVIRONMENT));
            } else if (stored.containsKey(d.key())) {
                values.put(d.key(), new Effective(stored.get(d.key()), SettingSource.STORED));
            } else {
                values.put(d.key(), new Effective(d.defaultValue(), SettingSource.DEFAULT));
            }
        }
        return new SettingsSnapshot(values);
    }

    /** Only the defaults (before the store was read). */
    public static SettingsSnapshot defaults() {
        return resolve(Map.of(), Map.of());
    }

    public Effective effective(String key) {
        Effective e = values.get(key);
        if (e == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return e;
    }

    public String text(String key) {
        return effective(key).value();
    }

    public Optional<String> optionalText(String key) {
        String value = text(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public long whole(String key) {
        return Long.parseLong(text(key));
    }

    public int wholeInt(String key) {
        return Math.toIntExact(whole(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(text(key));
    }

    /** The rules that bind several settings together, each broken one as a problem on the setting to change. */
    public List<InvalidValueException> crossFieldProblems() {
        List<InvalidValueException> problems = new ArrayList<>();
        if (text(SettingsCatalog.BACKUP_TARGET).equals("s3")) {
            if (text(SettingsCatalog.BACKUP_S3_BUCKET).isEmpty()) {
                problems.add(new InvalidValueException(SettingsCatalog.BACKUP_S3_BUCKET, "must name the bucket when the target is s3"));
            }
            if (text(SettingsCatalog.BACKUP_S3_ACCESS_KEY).isEmpty() != text(SettingsCatalog.BACKUP_S3_SECRET_KEY).isEmpty()) {
                problems.add(new InvalidValueException(SettingsCatalog.BACKUP_S3_ACCESS_KEY,
                        "and the secret key must be set together (or neither, for the AWS default credentials chain)"));
            }
        }
        if (!flag(SettingsCatalog.LOCAL_SIGN_IN) && text(SettingsCatalog.BREAK_GLASS_EMAIL).isEmpty()) {
            problems.add(new InvalidValueException(SettingsCatalog.BREAK_GLASS_EMAIL,
                    "must name a platform admin before local sign-in can be turned off (nobody could sign in when the identity provider fails)"));
        }
        return problems;
    }

    /** The effective values as lines {@code VARIABLE = value (source)}, secrets masked. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (SettingDefinition d : SettingsCatalog.all()) {
            Effective e = values.get(d.key());
            String shown = d.shown(e.value());
            lines.add(d.environmentVariable() + " = " + (shown.isEmpty() ? "(empty)" : shown) + " (" + e.source().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return lines;
    }

    @Override
    public String toString() {
        return "SettingsSnapshot" + describe();
    }
}
