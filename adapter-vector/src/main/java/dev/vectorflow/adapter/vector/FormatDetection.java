package dev.vectorflow.adapter.vector;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Guesses which format config text is in, from its first meaningful line (blank lines and
 * {@code #} comments, which YAML and TOML share, are skipped). The guess orders the formats to
 * try; the codec takes the first one that reads the text as a mapping, and when none does it
 * reports the failure of the first (the format the text most looks like).
 *
 * <ul>
 *   <li>{@code {} → JSON only (as JSON, not as a lenient YAML flow mapping, so that a broken JSON
 *       file gets JSON's error rather than being read some other way);
 *   <li>{@code ---} or a {@code %} directive → YAML only;
 *   <li>a TOML table header ({@code [sources.in]}, {@code [[x.y]]}) or a {@code key = value} line
 *       ({@code data_dir = "/x"}, {@code sources.in.type = "file"}) → TOML, then YAML;
 *   <li>anything else ({@code sources:}, {@code data_dir: /x}, a YAML list) → YAML, then TOML.
 * </ul>
 * Only the first line decides the order, because later lines mislead: a VRL program in a YAML
 * literal block holds {@code .field = value} lines, and a TOML multi-line string may hold
 * {@code key: value} lines.
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
