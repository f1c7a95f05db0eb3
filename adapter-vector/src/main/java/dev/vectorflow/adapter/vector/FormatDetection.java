package dev.vectorflow.adapter.vector;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Guesses which format config text is in, from its first meaningful line (blank lines and {@code #} comments, which
 * YAML and TOML share, are skipped).
 * The details are in docs/architecture.md, "Notes on the code".
 */
final class FormatDetection {

    private static final String KEY = "(?:[A-Za-z0-9_-]+|\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')";
    private static final String DOTTED_KEY = KEY + "(?:\\s*\\.\\s*" + KEY + ")*";
    private static final Pattern TOML_TABLE = Pattern.compile("\\s*\\[\\[?\\s*" + DOTTED_KEY + "\\s*]]?\\s*(?:#.*)?");
    private static final Pattern TOML_KEY_VALUE = Pattern.compile("\\s*" + DOTTED_KEY + "\\s*=.*");

    private FormatDetection() {
    }

    /** Whether the text holds nothing but whitespace and {@code #} comment lines. */
    static boolean blank(String text) {
        return firstMeaningfulLine(text).isEmpty();
    }

    /** The formats to try, most likely first. */
    static List<ConfigFormat> candidates(String text) {
        String line = firstMeaningfulLine(text).orElse("");
        String stripped = line.strip();
        if (stripped.startsWith("{")) {
            return List.of(ConfigFormat.JSON);
        }
        if (stripped.startsWith("---") || stripped.startsWith("%")) {
            return List.of(ConfigFormat.YAML);
        }
        if (TOML_TABLE.matcher(line).matches() || TOML_KEY_VALUE.matcher(line).matches()) {
            return List.of(ConfigFormat.TOML, ConfigFormat.YAML);
        }
        return List.of(ConfigFormat.YAML, ConfigFormat.TOML);
    }

    private static Optional<String> firstMeaningfulLine(String text) {
        return text.lines()
                .map(l -> l.startsWith("\uFEFF") ? l.substring(1) : l)
                .filter(l -> !l.isBlank() && !l.strip().startsWith("#"))
                .findFirst();
    }
}
