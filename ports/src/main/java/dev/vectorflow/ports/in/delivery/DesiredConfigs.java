package dev.vectorflow.ports.in.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Every pipeline config one node should run now, by pipeline name, and the poll interval its agent uses. */
public record DesiredConfigs(List<DeliveredConfig> pipelines, Duration pollInterval) {

    public DesiredConfigs {
        pipelines = List.copyOf(pipelines);
        Objects.requireNonNull(pollInterval, "pollInterval");
    }
}
