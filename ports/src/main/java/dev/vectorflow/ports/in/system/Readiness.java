package dev.vectorflow.ports.in.system;

import java.util.Map;
import java.util.Objects;

/**
 * Whether the server can serve requests now, with one entry per dependency checked: {@code "UP"}
 * or {@code "DOWN: <reason>"}.
 */
public record Readiness(boolean ready, Map<String, String> checks) {

    public Readiness {
        checks = Map.copyOf(Objects.requireNonNull(checks, "checks"));
    }
}
