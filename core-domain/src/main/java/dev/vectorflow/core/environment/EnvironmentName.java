package dev.vectorflow.core.environment;

import dev.vectorflow.core.validation.PlainText;
import java.util.Locale;

/**
 * The name of an environment as people see it ("production", "Staging EU"): 1-100 characters,
 * no control characters, unique regardless of letter case.
 */
public record EnvironmentName(String value) {

    public static final int MAX_LENGTH = 100;

    public EnvironmentName {
        PlainText.requireSingleLine("name", value, MAX_LENGTH);
    }

    /** The form two names are compared in for uniqueness. */
    public String uniquenessKey() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
