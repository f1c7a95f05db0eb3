package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The id of a component in a pipeline, as Vector sees it: 1-64 characters of letters, digits,
 * {@code _} and {@code -} (Vector forbids only {@code .}; we keep to the safe set). The prefix
 * {@code vf_} is reserved for components VectorFlow adds itself.
 */
public record ComponentKey(String value) implements Comparable<ComponentKey> {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    public static final String RESERVED_PREFIX = "vf_";

    public ComponentKey {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("key", "must be 1-64 letters, digits, '_' or '-' but was '"
                    + (value == null ? "" : value.length() > 80 ? value.substring(0, 80) + "…" : value) + "'");
        }
    }

    /** Whether {@code value} is a valid key (without building one). */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    public boolean reserved() {
        return value.startsWith(RESERVED_PREFIX);
    }

    @Override
    public int compareTo(ComponentKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
