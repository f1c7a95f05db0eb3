package dev.vectorflow.core.secret;

import dev.vectorflow.core.validation.InvalidValueException;
import java.nio.charset.StandardCharsets;

/** A secret's value in clear: exists only in memory, never printed ({@link #toString()} is masked). */
public record SecretValue(String value) {

    public static final int MAX_BYTES = 64 * 1024;

    public SecretValue {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("value", "must not be empty");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidValueException("value", "must be at most " + MAX_BYTES + " bytes");
        }
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretValue[****]";
    }
}
