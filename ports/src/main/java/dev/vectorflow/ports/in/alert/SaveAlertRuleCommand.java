package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.AlertChannelId;
import dev.vectorflow.core.alert.AlertCondition;
import dev.vectorflow.core.alert.MessageTemplate;
import dev.vectorflow.core.alert.Severity;
import dev.vectorflow.core.environment.EnvironmentId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Input of creating or replacing an alert rule of an environment (see {@link ManageAlertRulesUseCase}). */
public record SaveAlertRuleCommand(Actor actor, EnvironmentId environment, String name, Severity severity, AlertCondition condition,
                                   Duration forDuration, Duration cooldown, MessageTemplate message, List<AlertChannelId> channels,
                                   boolean enabled) {
    public SaveAlertRuleCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(forDuration, "forDuration");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(message, "message");
        channels = List.copyOf(channels);
    }
}
