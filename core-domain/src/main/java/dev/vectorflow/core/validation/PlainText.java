package dev.vectorflow.core.validation;

/** Rules for human-entered text fields: length limits and no control characters. */
public final class PlainText {

    private PlainText() {
    }

    /**
     * Checks a required single-line value: not blank, at most {@code maxLength} characters, no
     * control characters, no leading or trailing whitespace.
     */
    public static String requireSingleLine(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (!value.strip().equals(value)) {
            throw new InvalidValueException(field, "must not start or end with whitespace");
        }
        requireLength(field, value, maxLength);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidValueException(field,
                        "must not contain control characters (found U+%04X at position %d)".formatted((int) value.charAt(i), i));
            }
        }
        return value;
    }

    /**
     * Checks an optional multi-line value: may be empty, at most {@code maxLength} characters,
     * line breaks and tabs allowed, no other control characters. {@code null} becomes empty.
     */
    public static String optionalMultiLine(String field, String value, int maxLength) {
        if (value == null) {
            return "";
        }
        requireLength(field, value, maxLength);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidValueException(field,
                        "must not contain control characters other than line breaks and tabs (found U+%04X at position %d)"
                                .formatted((int) c, i));
            }
        }
        return value;
    }

    /** Checks an optional single-line value: {@code null} or blank becomes empty, otherwise as {@link #requireSingleLine}. */
    public static String optionalLine(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return "";
        }
        return requireSingleLine(field, value, maxLength);
    }

    private static void requireLength(String field, String value, int maxLength) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new InvalidValueException(field, "must be at most %d characters but has %d".formatted(maxLength, length));
        }
    }
}
