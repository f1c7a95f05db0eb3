package dev.vectorflow.core.secret;

import java.util.Objects;
import java.util.UUID;

/** Identity of a stored secret or certificate. */
public record SecretId(UUID value) {

    public SecretId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
