package dev.vectorflow.core.rollout;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of a staged rollout. */
public record RolloutId(UUID value) {

    public RolloutId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; a malformed one is an {@link InvalidValueException} on {@code field}. */
    public static RolloutId parse(String field, String text) {
        try {
            return new RolloutId(UUID.fromString(Objects.requireNonNull(text, field)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException(field, "must be an id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
