package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.AlertRule;
import java.time.Instant;
import java.util.List;

/** Gathers what one evaluation round needs for these rules (only what they need: no certificates without a certificate rule). */
@FunctionalInterface
public interface ReadingsSource {

    FleetReadings read(List<AlertRule> rules, Instant now);

    /** The same readings for a look that is not an evaluation round (a rule's preview): nothing a round keeps moves. */
    default FleetReadings peek(List<AlertRule> rules, Instant now) {
        return read(rules, now);
    }
}
