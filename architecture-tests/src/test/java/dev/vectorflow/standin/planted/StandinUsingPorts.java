package dev.vectorflow.standin.planted;

import dev.vectorflow.ports.protocol.ComponentMetrics;

/** Planted violation: the stand-in borrowing VectorFlow's own types instead of imitating Vector from outside. */
public class StandinUsingPorts {
    public Object metrics() {
        return new ComponentMetrics("a", "source", 0L, 0L, 0L, 0L, 0L, 0L);
    }
}
