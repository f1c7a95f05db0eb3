package dev.vectorflow.core.rollout;

import dev.vectorflow.core.fleet.Labels;
import java.util.Objects;

/** One step of a staged rollout: which nodes it admits, and how long they soak before the gate is evaluated. */
public record Wave(Size size, int soakSeconds) {

    /** How a wave picks its nodes among those not taken by an earlier wave. */
    public sealed interface Size permits Nodes, Percent, Label, Rest {
        /** The form the API and the database use: {@code nodes:1}, {@code percent:10}, {@code label:canary=true}, {@code rest}. */
        String text();
    }

    /** A number of nodes. */
    public record Nodes(int count) implements Size {
        @Override
        public String text() {
            return "nodes:" + count;
        }
    }

    /** A share of the nodes the rollout targets when it starts, rounded up (at least one while nodes remain). */
    public record Percent(int percent) implements Size {
        @Override
        public String text() {
            return "percent:" + percent;
        }
    }

    /** The nodes carrying a label. */
    public record Label(String key, String value) implements Size {
        public Label {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        public boolean matches(Labels labels) {
            return value.equals(labels.values().get(key));
        }

        @Override
        public String text() {
            return "label:" + key + "=" + value;
        }
    }

    /** Every node left (only as the last wave). */
    public record Rest() implements Size {
        @Override
        public String text() {
            return "rest";
        }
    }

    public Wave {
        Objects.requireNonNull(size, "size");
        if (soakSeconds < 0) {
            throw new IllegalArgumentException("soakSeconds must not be negative");
        }
    }

    /** Reads {@link Size#text()} back (trusted input: what {@code text()} wrote). */
    public static Size sizeOf(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String arg = colon < 0 ? "" : text.substring(colon + 1);
        return switch (kind) {
            case "nodes" -> new Nodes(Integer.parseInt(arg));
            case "percent" -> new Percent(Integer.parseInt(arg));
            case "label" -> new Label(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            case "rest" -> new Rest();
            default -> throw new IllegalArgumentException("unknown wave size " + text);
        };
    }
}
