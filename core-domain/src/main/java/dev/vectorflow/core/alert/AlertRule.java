package dev.vectorflow.core.alert;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A rule of an environment: what to watch, how long it must hold before the alert fires ({@code forDuration}), how long
 * a resolved alert waits before it may fire again ({@code cooldown}), how bad it is, the message, and the channels told.
 */
public record AlertRule(AlertRuleId id, EnvironmentId environmentId, String name, Severity severity, AlertCondition condition,
                        Duration forDuration, Duration cooldown, MessageTemplate message, List<AlertChannelId> channels, boolean enabled,
                        String createdBy, Instant createdAt, Instant updatedAt) {

    public static final int MAX_NAME = 100;
    public static final int MAX_CHANNELS = 20;
    public static final Duration MAX_FOR = Duration.ofDays(1);
    public static final Duration MAX_COOLDOWN = Duration.ofDays(7);

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environmentId, "environmentId");
        name = PlainText.requireSingleLine("name", name, MAX_NAME);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(condition, "condition");
        forDuration = requireDuration("for", forDuration, MAX_FOR);
        cooldown = requireDuration("cooldown", cooldown, MAX_COOLDOWN);
        Objects.requireNonNull(message, "message");
        channels = List.copyOf(new LinkedHashSet<>(channels));
        if (channels.size() > MAX_CHANNELS) {
            throw new InvalidValueException("channels", "may name at most " + MAX_CHANNELS + " channels but names " + channels.size());
        }
        createdBy = Objects.requireNonNullElse(createdBy, "");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A duration of 0 up to {@code max}, whole seconds. */
    public static Duration requireDuration(String field, Duration value, Duration max) {
        if (value == null) {
            throw new InvalidValueException(field, "must be given");
        }
        if (value.isNegative()) {
            throw new InvalidValueException(field, "must not be negative but was " + value.getSeconds() + " s");
        }
        if (value.compareTo(max) > 0) {
            throw new InvalidValueException(field, "must be at most " + max.getSeconds() + " s but was " + value.getSeconds() + " s");
        }
        return Duration.ofSeconds(value.getSeconds());
    }
}
