package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address used as sign-in name; kept in lower case so that it is unique regardless of case. */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Email {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("email", "must not be empty");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254) {
            throw new InvalidValueException("email", "must be at most 254 characters");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("email", "must be an e-mail address like name@example.com but was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
