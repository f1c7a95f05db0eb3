package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.PlainText;
import java.util.Locale;

/** The name of a team: 1-100 characters, no control characters, unique regardless of case. */
public record TeamName(String value) {

    public TeamName {
        PlainText.requireSingleLine("name", value, 100);
    }

    public String uniquenessKey() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
