package dev.vectorflow.core.fleet;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Labels of a node ({@code role=edge}): keys of 1-63 letters, digits, {@code _ . - /}, values of at most 253
 * printable characters, at most 64 labels. Sorted by key so that equal sets compare and print equal.
 */
public record Labels(Map<String, String> values) {

    public static final Labels NONE = new Labels(Map.of());
    public static final int MAX_LABELS = 64;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[\\p{Print}&&[^,=]]{0,253}");

    public Labels {
        Objects.requireNonNull(values, "values");
        if (values.size() > MAX_LABELS) {
            throw new InvalidValueException("labels", "may hold at most " + MAX_LABELS + " labels but has " + values.size());
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k == null || !KEY.matcher(k).matches()) {
                throw new InvalidValueException("labels", "key '" + k + "' must be 1-63 letters, digits, '_', '.', '-', '/' starting with a letter or digit");
            }
            if (v == null || !VALUE.matcher(v).matches()) {
                throw new InvalidValueException("labels." + k, "must be at most 253 printable characters without ',' or '=' but was '" + v + "'");
            }
            sorted.put(k, v);
        });
        values = Collections.unmodifiableMap(sorted);
    }

    /** True when {@code key=value} would be a valid label (the rules of the constructor, without building anything). */
    public static boolean isValid(String key, String value) {
        return key != null && value != null && KEY.matcher(key).matches() && VALUE.matcher(value).matches();
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
