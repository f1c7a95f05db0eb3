package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of a user account. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId parse(String field, String text) {
        try {
            return new UserId(UUID.fromString(Objects.requireNonNull(text)));
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, "must be a user id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
