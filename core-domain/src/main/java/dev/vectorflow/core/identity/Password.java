package dev.vectorflow.core.identity;

import dev.vectorflow.core.validation.InvalidValueException;

/**
 * A password as typed by a person. Never printed: {@link #toString()} is masked. Any length up to
 * 1024 characters may be tried at sign-in; {@link #requireStrongEnough()} holds new passwords to
 * the minimum length.
 */
public record Password(String value) {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;

    public Password {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("password", "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("password", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /** Checks the rules for a new password: at least 12 characters. */
    public Password requireStrongEnough() {
        if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
            throw new InvalidValueException("password", "must be at least " + MIN_LENGTH + " characters");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Password[****]";
    }
}
