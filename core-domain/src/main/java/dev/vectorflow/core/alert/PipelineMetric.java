package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A pipeline (or component) rate that a rule can watch, with the name the API uses. */
public enum PipelineMetric {
    EVENTS_IN_PER_SECOND("events_in_per_second"),
    EVENTS_OUT_PER_SECOND("events_out_per_second"),
    ERRORS_PER_SECOND("errors_per_second"),
    /** Errors as a percentage of events in (0 when nothing came in). */
    ERROR_RATE_PERCENT("error_rate_percent"),
    DISCARDED_PER_SECOND("discarded_per_second");

    private final String wireName;

    PipelineMetric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static PipelineMetric parse(String field, String text) {
        for (PipelineMetric m : values()) {
            if (m.wireName.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new InvalidValueException(field, "must be one of " + Arrays.stream(values()).map(PipelineMetric::wireName)
                .collect(Collectors.joining(", ")) + " but was '" + text + "'");
    }

    /** This metric from the rates of events in, errors and so on (per second). */
    public double of(double eventsIn, double eventsOut, double errors, double discarded) {
        return switch (this) {
            case EVENTS_IN_PER_SECOND -> eventsIn;
            case EVENTS_OUT_PER_SECOND -> eventsOut;
            case ERRORS_PER_SECOND -> errors;
            case ERROR_RATE_PERCENT -> eventsIn <= 0 ? 0 : Math.min(100, errors / eventsIn * 100);
            case DISCARDED_PER_SECOND -> discarded;
        };
    }
}
