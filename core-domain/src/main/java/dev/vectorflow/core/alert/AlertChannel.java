package dev.vectorflow.core.alert;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A notification channel of an environment as people may see it: its open settings, and only the names of the secret
 * settings that are set (their values are sealed and never leave the server again).
 */
public record AlertChannel(AlertChannelId id, EnvironmentId environmentId, String name, ChannelKind kind, Map<String, String> settings,
                           Set<String> secretsSet, boolean enabled, String createdBy, Instant createdAt, Instant updatedAt) {

    public static final int MAX_NAME = 100;

    public AlertChannel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        name = PlainText.requireSingleLine("name", name, MAX_NAME);
        Objects.requireNonNull(kind, "kind");
        ChannelFields fields = ChannelFields.of(kind);
        for (String key : settings.keySet()) {
            boolean header = kind == ChannelKind.WEBHOOK && key.startsWith(WebhookHeaders.SETTINGS_PREFIX);
            if (!fields.open().contains(key) && !header) {
                throw new InvalidValueException("settings." + key, "is not an open setting of a " + kind + " channel");
            }
        }
        for (String key : secretsSet) {
            if (!fields.secret().contains(key)) {
                throw new InvalidValueException("secrets." + key, "is not a secret setting of a " + kind + " channel");
            }
        }
        settings = Map.copyOf(new TreeMap<>(settings));
        secretsSet = Set.copyOf(new TreeSet<>(secretsSet));
        createdBy = Objects.requireNonNullElse(createdBy, "");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
