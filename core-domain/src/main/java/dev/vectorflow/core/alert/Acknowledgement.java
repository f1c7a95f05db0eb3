package dev.vectorflow.core.alert;

import java.time.Instant;
import java.util.Objects;

/** Someone has seen a firing alert and is on it. */
public record Acknowledgement(String by, Instant at) {
    public Acknowledgement {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
