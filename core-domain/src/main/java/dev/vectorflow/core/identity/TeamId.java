package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of a team. */
public record TeamId(UUID value) {

    public TeamId {
        Objects.requireNonNull(value, "value");
    }

    public static TeamId parse(String field, String text) {
        try {
            return new TeamId(UUID.fromString(Objects.requireNonNull(text)));
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, "must be a team id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
