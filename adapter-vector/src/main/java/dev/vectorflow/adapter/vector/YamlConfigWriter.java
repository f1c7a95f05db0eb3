package dev.vectorflow.adapter.vector;

import dev.vectorflow.core.pipeline.EnvironmentReference;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a config tree as block-style YAML: two-space indent, list dashes indented under their key, no {@code ---}
 * marker, {@code {}} / {@code []} for empty maps and lists.
 * The details are in docs/architecture.md, "Notes on the code".
 */
final class YamlConfigWriter {

    private static final int INDENT = 2;
    /** Longest implicit key YAML allows is 1024 characters. */
    private static final int MAX_KEY_LENGTH = 1000;

    private static final Set<String> RESERVED = Set.of(
            "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "<<", "=");
    private static final Pattern NUMBER_LIKE = Pattern.compile(
            "[-+]?(0o[0-7_]+|0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?|\\.?[0-9][0-9_.eE+-]*"
                    + "|\\.(inf|Inf|INF|nan|NaN|NAN))");
    private static final Pattern DATE_LIKE = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    private final StringBuilder out = new StringBuilder();

    private YamlConfigWriter() {
    }

    static String write(Map<String, ?> tree) {
        YamlConfigWriter writer = new YamlConfigWriter();
        if (tree.isEmpty()) {
            return "{}\n";
        }
        writer.mapping(tree, 0, false);
        return writer.out.toString();
    }

    /** Entries at {@code indent}; the first one continues the current line when {@code inline} (after a dash). */
    private void mapping(Map<?, ?> map, int indent, boolean inline) {
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(first && inline)) {
                pad(indent);
            }
            first = false;
            out.append(key(String.valueOf(entry.getKey()))).append(':');
            nested(entry.getValue(), indent, false);
        }
    }

    private void sequence(List<?> list, int indent, boolean inline) {
        boolean first = true;
        for (Object item : list) {
            if (!(first && inline)) {
                pad(indent);
            }
            first = false;
            out.append('-');
            nested(item, indent, true);
        }
    }

    /** The value after {@code key:} or {@code -} of a node at {@code indent}; its children go one level deeper. */
    private void nested(Object value, int indent, boolean afterDash) {
        int child = indent + INDENT;
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            if (afterDash) {
                out.append(' ');
                mapping(map, child, true);
            } else {
                out.append('\n');
                mapping(map, child, false);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            if (afterDash) {
                out.append(' ');
                sequence(list, child, true);
            } else {
                out.append('\n');
                sequence(list, child, false);
            }
        } else if (value instanceof String s && literalBlockFits(s)) {
            literalBlock(s, child);
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private void pad(int indent) {
        out.append(" ".repeat(indent));
    }

    private static String key(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("YAML keys are limited to " + MAX_KEY_LENGTH + " characters, this one has " + key.length());
        }
        return plainFits(key) ? key : quoted(key);
    }

    private static String scalar(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> plainFits(s) ? s : quoted(s);
            case EnvironmentReference reference -> plainFits(reference.text()) ? reference.text() : quoted(reference.text());
            case Boolean b -> b.toString();
            case Double d -> decimal(d);
            case Float f -> decimal(f.doubleValue());
            case BigDecimal d -> decimal(d.doubleValue());
            case Number n -> n.toString();
            case Map<?, ?> m -> "{}";
            case List<?> l -> "[]";
            default -> throw new IllegalArgumentException("YAML cannot hold " + value.getClass().getName());
        };
    }

    private static String decimal(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        // 1.0E+21 rather than 1.0E21: YAML 1.1 readers want a signed exponent to see a number
        String text = Double.toString(d);
        int exponent = text.indexOf('E');
        return exponent < 0 || text.charAt(exponent + 1) == '-' ? text : text.substring(0, exponent + 1) + "+" + text.substring(exponent + 1);
    }

    /** Whether {@code s} can stand unquoted and still read back as this very string. */
    private static boolean plainFits(String s) {
        if (s.isEmpty() || s.length() > MAX_KEY_LENGTH) {
            return false;
        }
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        if (INDICATORS.indexOf(first) >= 0 || first == ' ' || last == ' ' || last == ':'
                || s.startsWith("...") || s.contains(": ") || s.contains(" #")) {
            return false;
        }
        if (RESERVED.contains(s.toLowerCase(Locale.ROOT)) || NUMBER_LIKE.matcher(s).matches() || DATE_LIKE.matcher(s).matches()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || special(c)) {
                return false;
            }
        }
        return true;
    }

    /** Characters YAML readers treat as line breaks, byte order marks or non-printable. */
    private static boolean special(char c) {
        return (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF';
    }

    /** {@code '...'} when that spares escapes, else {@code "..."}. */
    private static String quoted(String s) {
        boolean wouldEscape = s.indexOf('"') >= 0 || s.indexOf('\\') >= 0;
        if (wouldEscape && singleQuoteFits(s)) {
            return "'" + s.replace("'", "''") + "'";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\0' -> b.append("\\0");
                case '\u0007' -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\u000b' -> b.append("\\v");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                case '\u001b' -> b.append("\\e");
                case '\u0085' -> b.append("\\N");
                case '\u2028' -> b.append("\\L");
                case '\u2029' -> b.append("\\P");
                default -> {
                    if (c < 0x20 || special(c)) {
                        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean singleQuoteFits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || special(c)) {
                return false;
            }
        }
        return true;
    }

    /** Multi-line text made of printable characters, tabs and line feeds only. */
    private static boolean literalBlockFits(String s) {
        if (s.indexOf('\n') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || special(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code |} plus an indentation indicator when the first line starts with white space or is
     * empty (the reader could not guess the indentation), plus chomping: {@code -} without a final
     * line break, none for exactly one, {@code +} for more (kept as they are).
     */
    private void literalBlock(String s, int indent) {
        out.append(" |");
        char first = s.charAt(0);
        if (first == ' ' || first == '\t' || first == '\n') {
            out.append(INDENT);
        }
        int trailingBreaks = 0;
        while (trailingBreaks < s.length() && s.charAt(s.length() - 1 - trailingBreaks) == '\n') {
            trailingBreaks++;
        }
        if (trailingBreaks == 0) {
            out.append('-');
        } else if (trailingBreaks > 1 || trailingBreaks == s.length()) {
            out.append('+');
        }
        out.append('\n');
        String body = s.substring(0, s.length() - trailingBreaks);
        int emptyLines = trailingBreaks;
        if (!body.isEmpty()) {
            for (String line : body.split("\n", -1)) {
                if (!line.isEmpty()) {
                    pad(indent);
                    out.append(line);
                }
                out.append('\n');
            }
            emptyLines--;
        }
        out.append("\n".repeat(Math.max(0, emptyLines)));
    }
}
