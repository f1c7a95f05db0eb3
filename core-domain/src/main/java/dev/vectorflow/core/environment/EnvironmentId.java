package dev.vectorflow.core.environment;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of an environment. */
public record EnvironmentId(UUID value) {

    public EnvironmentId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form of an id; a malformed one is an {@link InvalidValueException} on {@code field}. */
    public static EnvironmentId parse(String field, String text) {
        try {
            return new EnvironmentId(UUID.fromString(Objects.requireNonNull(text, field)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException(field, "must be an environment id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
