package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** The id of a configured OpenID Connect provider. */
public record OidcProviderId(UUID value) {

    public OidcProviderId {
        Objects.requireNonNull(value, "value");
    }

    public static OidcProviderId parse(String text) {
        try {
            return new OidcProviderId(UUID.fromString(text));
        } catch (RuntimeException e) {
            throw new InvalidValueException("id", "must be a provider id (a UUID) but was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
