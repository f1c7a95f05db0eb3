package dev.vectorflow.core.alert;

import java.util.List;
import java.util.Set;

/**
 * Which settings each kind of channel has, which of them are secret (sealed by the key ring and never shown again) and
 * which are required.
 */
public record ChannelFields(List<String> open, List<String> secret, Set<String> required) {

    public static ChannelFields of(ChannelKind kind) {
        return switch (kind) {
            case WEBHOOK -> new ChannelFields(List.of(), List.of("url", "signingSecret"), Set.of("url", "signingSecret"));
            case SLACK, TEAMS -> new ChannelFields(List.of(), List.of("url"), Set.of("url"));
            case PAGERDUTY -> new ChannelFields(List.of("eventsUrl"), List.of("routingKey"), Set.of("routingKey"));
            case EMAIL -> new ChannelFields(List.of("host", "port", "startTls", "username", "from", "to"), List.of("password"),
                    Set.of("host", "from", "to"));
        };
    }

    public boolean knows(String field) {
        return open.contains(field) || secret.contains(field);
    }
}
