package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;

/** Which side of a threshold is bad: {@code >} (ABOVE) or {@code <} (BELOW). */
public enum Comparison {
    ABOVE(">"), BELOW("<");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Reads {@code >} or {@code <} (or the names {@code above}, {@code below}). */
    public static Comparison parse(String field, String text) {
        for (Comparison c : values()) {
            if (c.symbol.equals(text) || c.name().equalsIgnoreCase(String.valueOf(text))) {
                return c;
            }
        }
        throw new InvalidValueException(field, "must be '>' or '<' but was '" + text + "'");
    }
}
