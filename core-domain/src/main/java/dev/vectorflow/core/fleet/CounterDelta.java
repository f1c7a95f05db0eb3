package dev.vectorflow.core.fleet;

/** Turns two readings of a cumulative counter into what happened between them; a counter that went down was reset. */
public final class CounterDelta {

    private CounterDelta() {
    }

    /** {@code current - previous}, or {@code current} when the counter was reset (the process restarted). */
    public static long between(long previous, long current) {
        return current >= previous ? current - previous : current;
    }

    /** As {@link #between(long, long)} for fractional counters (CPU seconds). */
    public static double between(double previous, double current) {
        return current >= previous ? current - previous : current;
    }
}
