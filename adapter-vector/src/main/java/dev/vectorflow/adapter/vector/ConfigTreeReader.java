package dev.vectorflow.adapter.vector;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one config document from a Jackson token stream into plain values: ordered
 * {@code LinkedHashMap}s in the file's key order, {@code ArrayList}s, String, Boolean, Long (whole
 * numbers), Double (other numbers) and null. A whole number outside the range of a long is kept as
 * the String of its digits, so no digit is lost (the option checker then reports it as text).
 *
 * <p>Stricter than Jackson's own mapping, as Vector is: a key given twice in one mapping, a second
 * YAML document and content after the JSON value are errors. YAML plain scalars are typed by the
 * YAML 1.2 core schema that Vector's parser follows (so {@code yes}, {@code on}, {@code 1_000} stay
 * text, {@code .inf} is a number, an empty value is null), and YAML anchors and aliases of
 * mappings and lists are expanded (Jackson does not report anchors on single values, so an alias
 * of one is an error rather than a wrong value). YAML merge keys
 * ({@code <<}) are not applied: they stay an ordinary key, as Vector reads them.
 */
final class ConfigTreeReader {

    private static final Pattern YAML_INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern YAML_OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern YAML_HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern YAML_INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern YAML_NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    /** Bounds what aliases may expand to, against "billion laughs" documents. */
    private static final int MAX_ALIASED_VALUES = 100_000;

    private final ConfigFormat format;
    private final JsonParser parser;
    private final Map<String, Object> anchors = new HashMap<>();
    private int aliasedValues;

    private ConfigTreeReader(ConfigFormat format, JsonParser parser) {
        this.format = format;
        this.parser = parser;
    }

    /**
     * Reads {@code text} as one mapping.
     *
     * @throws UnreadableConfig when the text is not valid in {@code format} or is not a mapping
     */
    static Map<String, Object> read(JsonFactory factory, ConfigFormat format, String text) {
        try (JsonParser parser = factory.createParser(text)) {
            return new ConfigTreeReader(format, parser).document();
        } catch (JacksonException e) {
            throw UnreadableConfig.from(format, e);
        } catch (IOException e) {
            throw UnreadableConfig.syntax(format, -1, -1, String.valueOf(e.getMessage()));
        }
    }

    private Map<String, Object> document() throws IOException {
        JsonToken first = parser.nextToken();
        JsonLocation start = parser.currentTokenLocation();
        if (first == null) {
            throw UnreadableConfig.of("is empty: it holds no " + format + " content");
        }
        Object root = value(first);
        if (!(root instanceof Map<?, ?>)) {
            if (root == null) {
                throw UnreadableConfig.of("is empty: its " + format + " document holds no keys");
            }
            throw UnreadableConfig.of("must be a mapping of keys (sources, transforms, sinks, ...) but this " + format + " holds "
                    + describe(root) + UnreadableConfig.at(start.getLineNr(), start.getColumnNr()));
        }
        JsonToken after = parser.nextToken();
        if (after != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw UnreadableConfig.syntax(format, at.getLineNr(), at.getColumnNr(), format == ConfigFormat.YAML
                    ? "a second document starts here; Vector reads one document per file"
                    : "there is more content after the end of the top-level object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) root;
        return tree;
    }

    private Object value(JsonToken token) throws IOException {
        String anchor = format == ConfigFormat.YAML ? parser.getObjectId() instanceof String id ? id : null : null;
        Object value = switch (token) {
            case START_OBJECT -> mapping();
            case START_ARRAY -> sequence();
            case VALUE_STRING -> alias() ? aliased(parser.getText()) : parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> format == ConfigFormat.YAML ? yamlNumber(parser.getText()) : number();
            case VALUE_TRUE, VALUE_FALSE -> format == ConfigFormat.YAML ? yamlBoolean(parser.getText()) : token == JsonToken.VALUE_TRUE;
            case VALUE_NULL -> null;
            default -> throw unsupported();
        };
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private Map<String, Object> mapping() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw unsupported();
            }
            String key = parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            Object value = value(parser.nextToken());
            if (map.containsKey(key)) {
                throw UnreadableConfig.syntax(format, at.getLineNr(), at.getColumnNr(), "the key '" + key + "' appears twice in the same mapping");
            }
            map.put(key, value);
        }
        return map;
    }

    private List<Object> sequence() throws IOException {
        List<Object> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            list.add(value(token));
        }
        return list;
    }

    private boolean alias() {
        return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
    }

    private Object aliased(String name) {
        if (!anchors.containsKey(name)) {
            JsonLocation at = parser.currentTokenLocation();
            throw UnreadableConfig.syntax(format, at.getLineNr(), at.getColumnNr(), "the alias '*" + name
                    + "' refers to no anchored mapping or list defined before it (anchors on single values are not supported)");
        }
        return copy(anchors.get(name));
    }

    /** Each use of an alias gets its own copy, so changing one place of the tree never changes another. */
    private Object copy(Object value) {
        if (++aliasedValues > MAX_ALIASED_VALUES) {
            JsonLocation at = parser.currentTokenLocation();
            throw UnreadableConfig.syntax(format, at.getLineNr(), at.getColumnNr(), "aliases expand to more than " + MAX_ALIASED_VALUES + " values");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    private Object number() throws IOException {
        return switch (parser.getNumberType()) {
            case INT, LONG -> parser.getLongValue();
            case BIG_INTEGER -> parser.getBigIntegerValue().toString();
            default -> parser.getDoubleValue();
        };
    }

    /** A plain YAML scalar that Jackson took for a number, typed by the YAML 1.2 core schema. */
    private static Object yamlNumber(String text) {
        if (YAML_INT.matcher(text).matches()) {
            return wholeNumber(text, 10);
        }
        if (YAML_OCTAL.matcher(text).matches()) {
            return wholeNumber(text.substring(2), 8);
        }
        if (YAML_HEX.matcher(text).matches()) {
            return wholeNumber(text.substring(2), 16);
        }
        if (YAML_FLOAT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (YAML_INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (YAML_NAN.matcher(text).matches()) {
            return Double.NaN;
        }
        return text;
    }

    private static Object wholeNumber(String digits, int radix) {
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException outOfRange) {
            return radix == 10 ? digits : new java.math.BigInteger(digits, radix).toString();
        }
    }

    /** Only true/false (any of three spellings) are booleans in YAML 1.2; yes/no/on/off are text. */
    private static Object yamlBoolean(String text) {
        return switch (text) {
            case "true", "True", "TRUE" -> Boolean.TRUE;
            case "false", "False", "FALSE" -> Boolean.FALSE;
            default -> text;
        };
    }

    private UnreadableConfig unsupported() {
        JsonLocation at = parser.currentTokenLocation();
        return UnreadableConfig.syntax(format, at.getLineNr(), at.getColumnNr(),
                "holds a value that a Vector config cannot hold (such as binary data or a key that is not text)");
    }

    private static String describe(Object value) {
        return switch (value) {
            case List<?> l -> "a list";
            case String s -> "a single text value";
            case Boolean b -> "a single true/false value";
            case Number n -> "a single number";
            default -> "a " + value.getClass().getSimpleName();
        };
    }
}
