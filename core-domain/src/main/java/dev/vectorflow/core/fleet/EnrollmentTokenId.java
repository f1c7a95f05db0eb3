package dev.vectorflow.core.fleet;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of an enrollment token (not the token text). */
public record EnrollmentTokenId(UUID value) {

    public EnrollmentTokenId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form; a malformed one is an {@link InvalidValueException} on {@code field}. */
    public static EnrollmentTokenId parse(String field, String text) {
        try {
            return new EnrollmentTokenId(UUID.fromString(Objects.requireNonNull(text, field)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException(field, "must be an id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
