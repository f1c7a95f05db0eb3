package dev.vectorflow.core.planted;

/** Planted violation: the model reading the wall clock and making random ids itself. */
public class CoreReadingTheClock {
    public Object now() {
        return java.time.Instant.now();
    }

    public Object id() {
        return java.util.UUID.randomUUID();
    }
}
