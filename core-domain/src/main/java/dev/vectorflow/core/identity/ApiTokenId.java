package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** Identity of an API token (not the secret token itself). */
public record ApiTokenId(UUID value) {

    public ApiTokenId {
        Objects.requireNonNull(value, "value");
    }

    public static ApiTokenId parse(String field, String text) {
        try {
            return new ApiTokenId(UUID.fromString(Objects.requireNonNull(text)));
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, "must be a token id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
