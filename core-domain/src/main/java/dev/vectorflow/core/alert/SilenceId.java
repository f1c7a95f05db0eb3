package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of a silence. */
public record SilenceId(UUID value) {

    public SilenceId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; a malformed one is an {@link InvalidValueException} on {@code field}. */
    public static SilenceId parse(String field, String text) {
        try {
            return new SilenceId(UUID.fromString(Objects.requireNonNull(text, field)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException(field, "must be an id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
