package dev.vectorflow.core.fleet;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Labels of a node ({@code role=edge}): keys of 1-63 letters, digits, {@code _ . - /}, values of at most 253
 * printable characters, at most 64 labels. Sorted by key so that equal sets compare and print equal.
 */
public record Labels(Map<String, String> values) {

    public static final Labels NONE = new Labels(Map.of());
    public static final int MAX_LABELS = 64;
    private static final int MAX_KEY_CHARS = 63;
    private static final int MAX_VALUE_CHARS = 253;

    public Labels {
        Objects.requireNonNull(values, "values");
        if (values.size() > MAX_LABELS) {
            throw new InvalidValueException("labels", "may hold at most " + MAX_LABELS + " labels but has " + values.size());
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k == null || !validKey(k)) {
                throw new InvalidValueException("labels", "key '" + k + "' must be 1-63 letters, digits, '_', '.', '-', '/' starting with a letter or digit");
            }
            if (v == null || !validValue(v)) {
                throw new InvalidValueException("labels." + k, "must be at most 253 printable characters without ',' or '=' but was '" + v + "'");
            }
            sorted.put(k, v);
        });
        values = Collections.unmodifiableMap(sorted);
    }

    /** True when {@code key=value} would be a valid label (the rules of the constructor, without building anything). */
    public static boolean isValid(String key, String value) {
        return key != null && value != null && validKey(key) && validValue(value);
    }

    // character loops rather than regular expressions: every heartbeat's labels pass through here
    private static boolean validKey(String key) {
        int length = key.length();
        if (length == 0 || length > MAX_KEY_CHARS || !asciiLetterOrDigit(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = key.charAt(i);
            if (!asciiLetterOrDigit(c) && c != '_' && c != '.' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII ({@code 0x20-0x7E}) without {@code ,} and {@code =}. */
    private static boolean validValue(String value) {
        int length = value.length();
        if (length > MAX_VALUE_CHARS) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == ',' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public static Labels of(Map<String, String> values) {
        return values == null || values.isEmpty() ? NONE : new Labels(values);
    }

    /** These labels overridden by {@code winning} where both have a key. */
    public Labels overriddenBy(Labels winning) {
        if (winning.values.isEmpty()) {
            return this;
        }
        TreeMap<String, String> merged = new TreeMap<>(values);
        merged.putAll(winning.values);
        return new Labels(merged);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(text.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return text.toString();
    }
}
