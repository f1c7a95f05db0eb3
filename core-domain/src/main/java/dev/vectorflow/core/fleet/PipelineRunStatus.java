package dev.vectorflow.core.fleet;

import java.util.Locale;

/** The state of one pipeline on one node as its agent reports it; anything else is stored as UNKNOWN. */
public enum PipelineRunStatus {
    STARTING, RUNNING, STOPPED, CRASHED, CRASH_LOOP, PENDING, FAILED, UNKNOWN;

    /** The status an agent sent, UNKNOWN for a value this server does not know (never a failure). */
    public static PipelineRunStatus fromWire(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        if (text.equals("RUNNING")) {
            return RUNNING; // what nearly every report says, without the upper-casing and the lookup
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** True for the states that make a node DEGRADED. */
    public boolean failing() {
        return this == CRASHED || this == CRASH_LOOP || this == FAILED;
    }
}
