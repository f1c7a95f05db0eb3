package dev.vectorflow.adapter.vector.process;

import dev.vectorflow.ports.protocol.SchemaField;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.math.BigInteger;

/**
 * The field schema of sampled events: every path ({@code .a.b}) with its type (string, integer, float, boolean,
 * timestamp, array, object, null) and a sample value cut to {@value #SAMPLE_CHARS} characters. Paths keep the order
 * in which they were first seen; a path seen with several types is typed by its first non-null value.
 */
final class EventSchema {

    static final int SAMPLE_CHARS = 80;

    private EventSchema() {
    }

    static List<SchemaField> of(List<Object> events) {
        Map<String, SchemaField> fields = new LinkedHashMap<>();
        for (Object event : events) {
            walk("", event, fields);
        }
        return new ArrayList<>(fields.values());
    }

    private static void walk(String path, Object value, Map<String, SchemaField> fields) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> walk(path + "." + segment(String.valueOf(k)), v, fields));
            return;
        }
        String at = path.isEmpty() ? "." : path;
        SchemaField seen = fields.get(at);
        if (seen != null && !seen.type().equals("null")) {
            return;
        }
        fields.put(at, new SchemaField(at, typeOf(value), sample(value)));
    }

    private static String segment(String key) {
        return key.matches("[A-Za-z0-9_]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return "integer";
        }
        if (value instanceof Number) {
            return "float";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        String s = value.toString();
        if (s.length() >= 20 && Character.isDigit(s.charAt(0)) && s.contains("T")) {
            try {
                OffsetDateTime.parse(s);
                return "timestamp";
            } catch (DateTimeParseException ignored) {
                // a string that only looks like a time
            }
        }
        return "string";
    }

    private static String sample(Object value) {
        String s = String.valueOf(value);
        return s.length() <= SAMPLE_CHARS ? s : s.substring(0, SAMPLE_CHARS - 1) + "…";
    }
}
