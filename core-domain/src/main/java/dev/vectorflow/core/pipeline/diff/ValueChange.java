package dev.vectorflow.core.pipeline.diff;

import java.util.Objects;
import java.util.Optional;

/** A single-valued property of a component that differs between two versions (its type, kind, name or disabled flag). */
public record ValueChange<T>(T oldValue, T newValue) {

    public ValueChange {
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        if (oldValue.equals(newValue)) {
            throw new IllegalArgumentException("'newValue' must differ from 'oldValue' but both were '" + oldValue + "'");
        }
    }

    /** The change from one value to another, or empty when they are equal. */
    public static <T> Optional<ValueChange<T>> between(T oldValue, T newValue) {
        return Objects.equals(oldValue, newValue) ? Optional.empty() : Optional.of(new ValueChange<>(oldValue, newValue));
    }
}
