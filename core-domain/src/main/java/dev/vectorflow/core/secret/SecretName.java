package dev.vectorflow.core.secret;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The name of a secret or certificate in its environment, as pipelines reference it
 * ({@code SECRET[name]}, {@code CERT[name]}): 1-100 characters of letters, digits, {@code _},
 * {@code -} and {@code .}, starting with a letter or digit. Case matters.
 */
public record SecretName(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    public SecretName {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("name", "must be 1-100 letters, digits, '_', '-' or '.', starting with a letter or digit, but was '"
                    + (value == null ? "" : value.length() > 120 ? value.substring(0, 120) + "…" : value) + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
