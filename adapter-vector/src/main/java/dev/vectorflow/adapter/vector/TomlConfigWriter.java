package dev.vectorflow.adapter.vector;

import dev.vectorflow.core.pipeline.EnvironmentReference;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a config tree as TOML the way Vector's documentation does: values of a table first, then its sub-tables as
 * {@code [sources.in]} / {@code [sinks.out.encoding]} headers (a table that holds only tables gets no header of its
 * own), lists of objects as {@code [[path]]} arrays of tables, other lists inline ({@code inputs = ["in"]}), multi-line
 * strings as {@code '''} literal blocks (or {@code """} when the text cannot be a literal).
 * The details are in docs/architecture.md, "Notes on the code".
 */
final class TomlConfigWriter {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final StringBuilder out = new StringBuilder();

    private TomlConfigWriter() {
    }

    static String write(Map<String, ?> tree) {
        TomlConfigWriter writer = new TomlConfigWriter();
        writer.table(List.of(), tree, false);
        if (writer.out.isEmpty() || writer.out.charAt(writer.out.length() - 1) != '\n') {
            writer.out.append('\n');
        }
        return writer.out.toString();
    }

    private void table(List<String> path, Map<?, ?> map, boolean arrayElement) {
        List<Map.Entry<?, ?>> values = new ArrayList<>();
        List<Map.Entry<?, ?>> tables = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            (isTable(entry.getValue()) || isArrayOfTables(entry.getValue()) ? tables : values).add(entry);
        }
        if (arrayElement || (!path.isEmpty() && (!values.isEmpty() || tables.isEmpty()))) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            String name = String.join(".", path.stream().map(TomlConfigWriter::key).toList());
            out.append(arrayElement ? "[[" : "[").append(name).append(arrayElement ? "]]" : "]").append('\n');
        }
        for (Map.Entry<?, ?> entry : values) {
            out.append(key(entry.getKey())).append(" = ").append(value(entry.getValue(), true)).append('\n');
        }
        for (Map.Entry<?, ?> entry : tables) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(String.valueOf(entry.getKey()));
            if (entry.getValue() instanceof Map<?, ?> child) {
                table(childPath, child, false);
            } else {
                for (Object element : (List<?>) entry.getValue()) {
                    table(childPath, (Map<?, ?>) element, true);
                }
            }
        }
    }

    private static boolean isTable(Object value) {
        return value instanceof Map<?, ?> map && !map.isEmpty();
    }

    private static boolean isArrayOfTables(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(TomlConfigWriter::isTable);
    }

    /** An inline value; multi-line strings become blocks only where a value stands on its own line. */
    private static String value(Object value, boolean ownLine) {
        return switch (value) {
            case String s -> ownLine && s.indexOf('\n') >= 0 ? multiLine(s) : singleLine(s);
            case EnvironmentReference reference -> reference.text();
            case Boolean b -> b.toString();
            case Double d -> decimal(d);
            case Float f -> decimal(f.doubleValue());
            case BigDecimal d -> decimal(d.doubleValue());
            case Number n -> n.toString();
            case List<?> list -> {
                List<String> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(value(item, false));
                }
                yield "[" + String.join(", ", items) + "]";
            }
            case Map<?, ?> map -> {
                List<String> entries = new ArrayList<>(map.size());
                map.forEach((k, v) -> {
                    if (v != null) {
                        entries.add(key(k) + " = " + value(v, false));
                    }
                });
                yield entries.isEmpty() ? "{}" : "{ " + String.join(", ", entries) + " }";
            }
            default -> throw new IllegalArgumentException("TOML cannot hold " + value.getClass().getName());
        };
    }

    private static String decimal(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    private static String key(Object key) {
        String k = String.valueOf(key);
        return BARE_KEY.matcher(k).matches() ? k : basic(k);
    }

    /** {@code 'text'} when that spares escapes (backslashes, double quotes), else {@code "text"}. */
    private static String singleLine(String s) {
        boolean wouldEscape = s.indexOf('\\') >= 0 || s.indexOf('"') >= 0;
        if (wouldEscape && s.indexOf('\'') < 0 && literalSafe(s, false)) {
            return "'" + s + "'";
        }
        return basic(s);
    }

    /**
     * A literal block ({@code '''}), so VRL keeps its backslashes unescaped; a basic block
     * ({@code """}) when the text holds {@code '''}, ends with {@code '} or has control characters.
     * The line break after the opening quotes is not part of the value (TOML trims it).
     */
    private static String multiLine(String s) {
        if (literalSafe(s, true) && !s.contains("'''") && !s.endsWith("'")) {
            return "'''\n" + s + "'''";
        }
        StringBuilder b = new StringBuilder("\"\"\"\n");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append('\n');
            } else {
                escape(b, c);
            }
        }
        return b.append("\"\"\"").toString();
    }

    private static String basic(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            escape(b, s.charAt(i));
        }
        return b.append('"').toString();
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\b' -> b.append("\\b");
            case '\t' -> b.append("\\t");
            case '\n' -> b.append("\\n");
            case '\f' -> b.append("\\f");
            case '\r' -> b.append("\\r");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
    }

    /** TOML literal strings take no control characters but tab (and, in blocks, line feed). */
    private static boolean literalSafe(String s, boolean block) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && !(block && c == '\n')) || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
