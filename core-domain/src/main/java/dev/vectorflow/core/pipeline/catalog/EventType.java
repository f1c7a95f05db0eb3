package dev.vectorflow.core.pipeline.catalog;

import java.util.Locale;

/** The kinds of events Vector moves: logs, metrics and traces. */
public enum EventType {
    LOG, METRIC, TRACE;

    /** The catalog's spelling: {@code logs}, {@code metrics}, {@code traces}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT) + "s";
    }

    public static EventType fromLabel(String label) {
        String singular = label.endsWith("s") ? label.substring(0, label.length() - 1) : label;
        return valueOf(singular.toUpperCase(Locale.ROOT));
    }
}
