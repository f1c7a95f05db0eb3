package dev.vectorflow.adapter.vector;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one TOML or JSON document from a Jackson token stream into plain values: ordered
 * {@code LinkedHashMap}s in the file's key order, {@code ArrayList}s, String, Boolean, Long (whole
 * numbers), BigInteger (whole numbers beyond a long, such as Vector's largest u64), Double (other
 * numbers) and null. YAML has its own reader ({@link YamlTreeReader}).
 *
 * <p>Stricter than Jackson's own mapping, as Vector is: a key given twice in one mapping and content
 * after the JSON value are errors.
 */
final class ConfigTreeReader {


    private final ConfigFormat format;
    private final JsonParser parser;

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
                    + UnreadableConfig.describe(root) + UnreadableConfig.at(start.getLineNr(), start.getColumnNr()));
        }
        JsonToken after = parser.nextToken();
        if (after != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw UnreadableConfig.syntax(format, at.getLineNr(), at.getColumnNr(), format == ConfigFormat.YAML
                    ? "a second document starts here"
                    : "there is more content after the end of the top-level object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) root;
        return tree;
    }

    private Object value(JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> mapping();
            case START_ARRAY -> sequence();
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number();
            case VALUE_TRUE, VALUE_FALSE -> token == JsonToken.VALUE_TRUE;
            case VALUE_NULL -> null;
            default -> throw unsupported();
        };
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

    private Object number() throws IOException {
        return switch (parser.getNumberType()) {
            case INT, LONG -> parser.getLongValue();
            case BIG_INTEGER -> parser.getBigIntegerValue();
            default -> parser.getDoubleValue();
        };
    }

    private UnreadableConfig unsupported() {
        JsonLocation at = parser.currentTokenLocation();
        return UnreadableConfig.syntax(format, at.getLineNr(), at.getColumnNr(),
                "holds a value that a Vector config cannot hold (such as binary data or a key that is not text)");
    }

}
