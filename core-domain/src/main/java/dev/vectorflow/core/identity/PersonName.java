package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.PlainText;

/** The display name of a person: 1-100 characters, no control characters. */
public record PersonName(String value) {

    public PersonName {
        PlainText.requireSingleLine("name", value, 100);
    }

    @Override
    public String toString() {
        return value;
    }
}
