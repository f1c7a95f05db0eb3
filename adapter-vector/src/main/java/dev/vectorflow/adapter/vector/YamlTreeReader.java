package dev.vectorflow.adapter.vector;

import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads one YAML document from SnakeYAML's event stream into plain values, as Vector 0.57 (serde_yaml) reads it:
 * ordered {@code LinkedHashMap}s in the file's key order, {@code ArrayList}s, String, Boolean, Long, BigInteger (whole
 * numbers beyond a long, up to Vector's u64 and beyond: the option checker judges the range), Double and null.
 * The details are in docs/architecture.md, "Notes on the code".
 */
final class YamlTreeReader {

    /** The longest document read (in code points): what an 8 MiB request body can carry, with room to spare. */
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    /** Bounds what aliases may expand to, against "billion laughs" documents. */
    static final int MAX_ALIASED_VALUES = 100_000;
    private static final int EMPTY_VALUES_LISTED = 10;

    private static final String TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL");

    private final Parser parser;
    private final Map<String, Object> anchors = new HashMap<>();
    private final List<String> emptyValues = new ArrayList<>();
    private final List<String> path = new ArrayList<>();
    private int aliasedValues;

    private YamlTreeReader(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        this.parser = new ParserImpl(new StreamReader(text), options);
    }

    /**
     * Reads {@code text} as one YAML mapping.
     *
     * @throws UnreadableConfig when the text is not valid YAML, holds something Vector refuses, or is not a mapping
     */
    static Map<String, Object> read(String text) {
        try {
            return new YamlTreeReader(text).document();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getMessage());
            String context = e.getContext() != null ? e.getContext() + ": " : "";
            throw UnreadableConfig.syntax(ConfigFormat.YAML, mark == null ? -1 : mark.getLine() + 1, mark == null ? -1 : mark.getColumn() + 1,
                    context + problem);
        } catch (YAMLException e) {
            throw UnreadableConfig.syntax(ConfigFormat.YAML, -1, -1, String.valueOf(e.getMessage()));
        }
    }

    private Map<String, Object> document() {
        expect(Event.ID.StreamStart);
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            throw UnreadableConfig.of("is empty: it holds no YAML content");
        }
        expect(Event.ID.DocumentStart);
        Event first = parser.getEvent();
        Object root = value(first);
        expect(Event.ID.DocumentEnd);
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            Mark at = parser.peekEvent().getStartMark();
            throw UnreadableConfig.syntax(ConfigFormat.YAML, at.getLine() + 1, at.getColumn() + 1,
                    "a second document starts here; Vector reads one document per file");
        }
        if (!(root instanceof Map<?, ?>)) {
            if (root == null) {
                throw UnreadableConfig.of("is empty: its YAML document holds no keys");
            }
            throw UnreadableConfig.of("must be a mapping of keys (sources, transforms, sinks, ...) but this YAML holds "
                    + UnreadableConfig.describe(root) + UnreadableConfig.at(first.getStartMark().getLine() + 1, first.getStartMark().getColumn() + 1));
        }
        emptyValues.removeIf(e -> e.endsWith("(the top level)"));
        if (!emptyValues.isEmpty()) {
            int more = emptyValues.size() - EMPTY_VALUES_LISTED;
            throw UnreadableConfig.of("has " + (emptyValues.size() == 1 ? "an empty value" : emptyValues.size() + " empty values") + " (a key with"
                    + " nothing after it), which Vector refuses (invalid type: unit value): "
                    + String.join(", ", emptyValues.subList(0, Math.min(EMPTY_VALUES_LISTED, emptyValues.size())))
                    + (more > 0 ? " and " + more + " more" : "") + "; give each a value or remove the key");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) root;
        return tree;
    }

    private void expect(Event.ID id) {
        Event event = parser.getEvent();
        if (!event.is(id)) {
            throw syntax(event, "expected " + id + " but found " + event.getEventId());
        }
    }

    private Object value(Event event) {
        Object value = switch (event) {
            case MappingStartEvent m -> mapping();
            case SequenceStartEvent s -> sequence();
            case ScalarEvent s -> scalar(s);
            case AliasEvent a -> aliased(a);
            default -> throw syntax(event, "holds a value that a Vector config cannot hold");
        };
        if (event instanceof NodeEvent node && !(event instanceof AliasEvent) && node.getAnchor() != null) {
            anchors.put(node.getAnchor(), value);
        }
        return value;
    }

    private Map<String, Object> mapping() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<?, ?>> merged = new ArrayList<>();
        int mergeAt = -1;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.getEvent();
            if (isMergeKey(keyEvent)) {
                Event valueEvent = parser.getEvent();
                path.add("<<");
                Object source = value(valueEvent);
                path.removeLast();
                merged.addAll(mergeSources(source, valueEvent));
                mergeAt = map.size();
                continue;
            }
            String key = key(keyEvent);
            Event valueEvent = parser.getEvent();
            path.add(key);
            Object value = value(valueEvent);
            path.removeLast();
            if (map.containsKey(key)) {
                throw syntax(keyEvent, "the key '" + key + "' appears twice in the same mapping");
            }
            map.put(key, value);
        }
        parser.getEvent();
        return merged.isEmpty() ? map : merge(map, merged, mergeAt);
    }

    private static boolean isMergeKey(Event event) {
        return event instanceof ScalarEvent s && s.isPlain() && s.getValue().equals("<<") && s.getTag() == null;
    }

    private List<Map<?, ?>> mergeSources(Object source, Event at) {
        if (source instanceof Map<?, ?> single) {
            return List.of(single);
        }
        if (source instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            List<Map<?, ?>> maps = new ArrayList<>();
            list.forEach(m -> maps.add((Map<?, ?>) m));
            return maps;
        }
        throw syntax(at, "a merge key (<<) takes a mapping or a list of mappings");
    }

    /** Keys written in the mapping win; among merged mappings the earlier wins. Merged keys stand where {@code <<} stood. */
    private static Map<String, Object> merge(Map<String, Object> written, List<Map<?, ?>> sources, int at) {
        Map<String, Object> result = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, Object> entry : written.entrySet()) {
            if (index++ == at) {
                addMerged(result, written, sources);
            }
            result.put(entry.getKey(), entry.getValue());
        }
        if (at >= written.size()) {
            addMerged(result, written, sources);
        }
        return result;
    }

    private static void addMerged(Map<String, Object> result, Map<String, Object> written, List<Map<?, ?>> sources) {
        for (Map<?, ?> source : sources) {
            source.forEach((k, v) -> {
                String key = (String) k;
                if (!written.containsKey(key) && !result.containsKey(key)) {
                    result.put(key, v);
                }
            });
        }
    }

    private String key(Event event) {
        if (event instanceof ScalarEvent s) {
            Object key = scalar(s);
            if (key instanceof Map<?, ?> || key instanceof List<?> || key == null) {
                throw syntax(event, "a key must be text");
            }
            return String.valueOf(key);
        }
        if (event instanceof AliasEvent a && aliased(a) instanceof String s) {
            return s;
        }
        throw syntax(event, "holds a key that is not text (a list or a mapping as a key)");
    }

    private List<Object> sequence() {
        List<Object> list = new ArrayList<>();
        int index = 0;
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            path.add("[" + index++ + "]");
            list.add(value(parser.getEvent()));
            path.removeLast();
        }
        parser.getEvent();
        return list;
    }

    private Object aliased(AliasEvent alias) {
        String name = alias.getAnchor();
        if (!anchors.containsKey(name)) {
            throw syntax(alias, "the alias '*" + name + "' refers to no anchor defined before it");
        }
        return copy(anchors.get(name), alias);
    }

    /** Each use of an alias gets its own copy, so changing one place of the tree never changes another. */
    private Object copy(Object value, Event at) {
        if (++aliasedValues > MAX_ALIASED_VALUES) {
            throw syntax(at, "aliases expand to more than " + MAX_ALIASED_VALUES + " values");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v, at)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v, at)));
            return copy;
        }
        return value;
    }

    private Object scalar(ScalarEvent event) {
        String text = event.getValue();
        String tag = event.getTag();
        if (tag != null && !tag.equals("!")) {
            return tagged(event, tag, text);
        }
        if (!event.isPlain() || !event.getImplicit().canOmitTagInPlainScalar()) {
            return text;
        }
        if (text.isEmpty()) {
            Mark at = event.getStartMark();
            emptyValues.add("line " + (at.getLine() + 1) + " (" + (path.isEmpty() ? "the top level" : pathText()) + ")");
            return null;
        }
        return plain(text);
    }

    private Object tagged(ScalarEvent event, String tag, String text) {
        String name = tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : tag;
        Object typed = switch (name) {
            case "str" -> text;
            case "null" -> null;
            case "bool" -> plain(text) instanceof Boolean b ? b : badTag(event, tag, text);
            case "int" -> plain(text) instanceof Number n && !(n instanceof Double) ? n : badTag(event, tag, text);
            case "float" -> plain(text) instanceof Number n ? (Object) n.doubleValue() : badTag(event, tag, text);
            default -> throw syntax(event, "the tag '" + tag + "' is not one a Vector config can hold (only !!str, !!int, !!float, !!bool,"
                    + " !!null)");
        };
        return typed;
    }

    private Object badTag(Event event, String tag, String text) {
        throw syntax(event, "'" + text + "' is not a value of the tag " + tag);
    }

    /** A plain scalar typed by the YAML 1.2 core schema. */
    private static Object plain(String text) {
        if (NULL.matcher(text).matches()) {
            return null;
        }
        switch (text) {
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            default -> {
            }
        }
        if (INT.matcher(text).matches()) {
            return wholeNumber(text, 10);
        }
        if (OCTAL.matcher(text).matches()) {
            return wholeNumber(text.substring(2), 8);
        }
        if (HEX.matcher(text).matches()) {
            return wholeNumber(text.substring(2), 16);
        }
        if (FLOAT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(text).matches()) {
            return Double.NaN;
        }
        return text;
    }

    /** A long where it fits, else a BigInteger (Vector's u64 options go up to 18446744073709551615). */
    static Object wholeNumber(String digits, int radix) {
        BigInteger value = new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits, radix);
        return value.bitLength() <= 63 ? (Object) value.longValue() : value;
    }

    private String pathText() {
        StringBuilder b = new StringBuilder();
        for (String part : path) {
            if (!b.isEmpty() && !part.startsWith("[")) {
                b.append('.');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static UnreadableConfig syntax(Event event, String problem) {
        Mark at = event.getStartMark();
        return UnreadableConfig.syntax(ConfigFormat.YAML, at == null ? -1 : at.getLine() + 1, at == null ? -1 : at.getColumn() + 1, problem);
    }

}
