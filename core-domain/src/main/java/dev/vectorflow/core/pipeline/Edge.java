package dev.vectorflow.core.pipeline;

import java.util.Objects;
import java.util.Optional;

/** Events flow from a component (optionally one of its named outputs) into another component. */
public record Edge(ComponentKey from, Optional<String> output, ComponentKey to) {

    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(to, "to");
    }

    public static Edge of(String from, String to) {
        int dot = from.indexOf('.');
        return dot < 0 ? new Edge(new ComponentKey(from), Optional.empty(), new ComponentKey(to))
                : new Edge(new ComponentKey(from.substring(0, dot)), Optional.of(from.substring(dot + 1)), new ComponentKey(to));
    }

    /** The input as Vector writes it: {@code from} or {@code from.output}. */
    public String input() {
        return output.map(o -> from.value() + "." + o).orElse(from.value());
    }
}
