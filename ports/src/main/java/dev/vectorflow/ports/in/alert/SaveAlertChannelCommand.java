package dev.vectorflow.ports.in.alert;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.alert.ChannelKind;
import dev.vectorflow.core.environment.EnvironmentId;
import java.util.Map;
import java.util.Objects;

/**
 * Input of creating or changing a notification channel: its open settings and its secret ones (on a change, a secret
 * left out keeps its stored value). Never prints the secrets.
 */
public record SaveAlertChannelCommand(Actor actor, EnvironmentId environment, String name, ChannelKind kind, Map<String, String> settings,
                                      Map<String, String> secrets, boolean enabled) {
    public SaveAlertChannelCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "SaveAlertChannelCommand[" + environment + ", " + name + ", " + kind + ", settings=" + settings + ", secrets=" + secrets.keySet() + "]";
    }
}
