package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.AlertRule;
import java.time.Instant;
import java.util.List;

/** Gathers what one evaluation round needs for these rules (only what they need: no certificates without a certificate rule). */
@FunctionalInterface
public interface ReadingsSource {

    FleetReadings read(List<AlertRule> rules, Instant now);
}
