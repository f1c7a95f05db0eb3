package dev.vectorflow.ports.out.vector.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/** A running (or exited) Vector process that this agent launched or adopted. */
public interface VectorProcess {

    long pid();

    /** When the process started (from the OS, so it is also right for an adopted process). */
    Instant startedAt();

    boolean isAlive();

    /** The exit code once it exited, when known (a process adopted from an earlier agent has none). */
    OptionalInt exitCode();

    /** SIGHUP: Vector reloads its config files. */
    void reload() throws VectorFailure;

    /** SIGTERM, then SIGKILL when it has not exited after {@code grace}. */
    void stop(Duration grace);
}
