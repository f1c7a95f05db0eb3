package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.alert.PipelineMetric;
import dev.vectorflow.ports.out.alert.AlertInputs.ComponentMinuteTotals;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The previous period of a throughput rule, from the stored minute rollups: the window ends at the start of the current
 * minute (the minutes before are complete), and a pipeline's events in are what its sources received, its events out
 * what its sinks sent (as the agents count a pipeline's totals).
 */
final class ThroughputWindow {

    private ThroughputWindow() {
    }

    /** The end of every window read at {@code now}: the start of the current minute. */
    static Instant end(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * Events per second over the minutes from {@code from} to {@code to}, counted from the first minute that has any
     * rollup (a pipeline younger than the window is averaged over its own life); NaN when no minute has one.
     *
     * @param component a component key, or null for the pipeline's totals
     */
    static double average(List<ComponentMinuteTotals> minutes, String component, PipelineMetric metric, Instant from, Instant to) {
        boolean in = metric == PipelineMetric.EVENTS_IN_PER_SECOND;
        Instant first = null;
        long events = 0;
        for (ComponentMinuteTotals m : minutes) {
            if (m.minute().isBefore(from) || !m.minute().isBefore(to)) {
                continue;
            }
            if (component != null ? !component.equals(m.component()) : !(in ? "source" : "sink").equals(m.componentKind())) {
                continue;
            }
            first = first == null || m.minute().isBefore(first) ? m.minute() : first;
            events += in ? m.eventsIn() : m.eventsOut();
        }
        if (first == null) {
            return Double.NaN;
        }
        return events / (double) Duration.between(first, to).toSeconds();
    }
}
