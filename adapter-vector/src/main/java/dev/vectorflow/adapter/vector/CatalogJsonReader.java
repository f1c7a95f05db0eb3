package dev.vectorflow.adapter.vector;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.vectorflow.core.pipeline.catalog.Catalog;
import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.ComponentSpec;
import dev.vectorflow.core.pipeline.catalog.EventType;
import dev.vectorflow.core.pipeline.catalog.OptionSpec;
import dev.vectorflow.core.pipeline.catalog.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the catalog JSON ({@code components.json}: {@code _about}, {@code global_options}, {@code common_options},
 * {@code components}) onto the core catalog model.
 * The details are in docs/architecture.md, "Notes on the code".
 */
final class CatalogJsonReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String origin;

    private CatalogJsonReader(String origin) {
        this.origin = origin;
    }

    /** Reads a whole catalog; {@code origin} names the file in error messages. */
    static Catalog read(InputStream in, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("The component catalog " + origin + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the component catalog " + origin, e);
        }
        return new CatalogJsonReader(origin).catalog(root);
    }

    private Catalog catalog(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw malformed("the top level", "must be a JSON object with _about, global_options, common_options and components");
        }
        String version = text(field(root, "_about", JsonNodeType.OBJECT, "the top level"), "vector_version", "_about");

        JsonNode componentNodes = field(root, "components", JsonNodeType.ARRAY, "the top level");
        Map<String, JsonNode> byKindAndType = new HashMap<>();
        for (JsonNode c : componentNodes) {
            if (c.isObject()) {
                byKindAndType.put(c.path("kind").asText() + ":" + c.path("type").asText(), c);
            }
        }
        List<ComponentSpec> components = new ArrayList<>();
        int index = 0;
        for (JsonNode c : componentNodes) {
            components.add(component(c, "components[" + index++ + "]", byKindAndType));
        }

        Map<ComponentKind, List<OptionSpec>> common = new EnumMap<>(ComponentKind.class);
        JsonNode commonNode = field(root, "common_options", JsonNodeType.OBJECT, "the top level");
        for (Map.Entry<String, JsonNode> entry : commonNode.properties()) {
            String where = "common_options." + entry.getKey();
            common.put(kind(entry.getKey(), where), options(entry.getValue(), where));
        }
        List<OptionSpec> global = options(field(root, "global_options", JsonNodeType.ARRAY, "the top level"), "global_options");
        return new Catalog(version, components, common, global);
    }

    private ComponentSpec component(JsonNode node, String where, Map<String, JsonNode> byKindAndType) {
        if (!node.isObject()) {
            throw malformed(where, "must be an object");
        }
        ComponentKind kind = kind(text(node, "kind", where), where);
        String type = text(node, "type", where);
        String named = where + " (" + kind.label() + " '" + type + "')";
        Optional<String> aliasOf = optionalText(node, "alias_of", named);
        JsonNode target = aliasOf.map(a -> byKindAndType.get(kind.label() + ":" + a)).orElse(null);

        String title = optionalText(node, "title", named)
                .or(() -> target == null ? Optional.empty() : optionalText(target, "title", named + " alias_of"))
                .orElse(type);
        Set<EventType> inputs = eventTypes(node, target, "input_event_types", named);
        Set<EventType> outputs = eventTypes(node, target, "output_event_types", named);
        JsonNode deprecated = node.get("deprecated");
        boolean isDeprecated = deprecated != null && (deprecated.isBoolean() ? deprecated.booleanValue() : !deprecated.asText().isBlank());
        return new ComponentSpec(kind, type, title, optionalText(node, "description", named).orElse(""), text(node, "status", named),
                inputs, outputs, options(field(node, "options", JsonNodeType.ARRAY, named), named), aliasOf, isDeprecated);
    }

    private Set<EventType> eventTypes(JsonNode node, JsonNode aliasTarget, String name, String where) {
        JsonNode list = node.get(name);
        if (list == null && aliasTarget != null) {
            list = aliasTarget.get(name);
        }
        if (list == null || list.isNull()) {
            return Set.of();
        }
        Set<EventType> types = new LinkedHashSet<>();
        for (String label : strings(list, where + " " + name)) {
            try {
                types.add(EventType.fromLabel(label));
            } catch (IllegalArgumentException e) {
                throw malformed(where + " " + name, "has the unknown event type '" + label + "' (known: logs, metrics, traces)");
            }
        }
        return types;
    }

    private List<OptionSpec> options(JsonNode list, String where) {
        if (!list.isArray()) {
            throw malformed(where, "must be a list of options");
        }
        List<OptionSpec> options = new ArrayList<>(list.size());
        for (JsonNode option : list) {
            options.add(option(option, where, false));
        }
        return options;
    }

    private OptionSpec option(JsonNode node, String parent, boolean item) {
        if (!node.isObject()) {
            throw malformed(parent, "holds an option that is not an object");
        }
        String name = item ? "*" : text(node, "name", parent);
        String where = item ? parent + "[]" : parent + " option '" + name + "'";
        Set<ValueType> types = valueTypes(node.get("type"), where);
        boolean required = item || bool(node, "required", where, null);

        List<String> enumValues = node.has("enum") ? strings(node.get("enum"), where + " enum") : List.of();
        Set<String> accepted = new LinkedHashSet<>(enumValues);
        JsonNode enumAliases = node.get("enum_aliases");
        if (enumAliases != null) {
            if (!enumAliases.isObject()) {
                throw malformed(where, "'enum_aliases' must be an object of alias -> value");
            }
            enumAliases.properties().forEach(e -> accepted.add(e.getKey()));
        }
        if (node.has("enum_hidden")) {
            accepted.addAll(strings(node.get("enum_hidden"), where + " enum_hidden"));
        }
        Set<String> aliases = node.has("aliases") ? new LinkedHashSet<>(strings(node.get("aliases"), where + " aliases")) : Set.of();
        boolean sensitive = bool(node, "sensitive", where, false) || node.hasNonNull("sensitive_by");
        List<OptionSpec> children = node.has("options") ? options(node.get("options"), where) : List.of();
        Optional<OptionSpec> items = Optional.empty();
        if (node.hasNonNull("items")) {
            items = Optional.of(option(node.get("items"), where, true));
        }
        boolean templatable = optionalText(node, "syntax", where).filter("template"::equals).isPresent();
        List<OptionSpec.Variant> variants = node.hasNonNull("variants") ? variants(node.get("variants"), children, where) : List.of();
        return new OptionSpec(name, types, required, plain(node.get("default")), enumValues, accepted, aliases,
                bool(node, "hidden", where, false), bool(node, "deprecated", where, false), sensitive,
                bool(node, "bool_shorthand", where, false), optionalText(node, "relevant_when", where), children, items, templatable,
                variants, optionalText(node, "note", where));
    }

    /**
     * {@code variants}: a list whose entries are either a list of field names (the fields that make
     * up that variant, all needed) or an object {@code {"required": [...], "optional": [...]}};
     * every name must be one of the object's options.
     */
    private List<OptionSpec.Variant> variants(JsonNode list, List<OptionSpec> children, String where) {
        if (!list.isArray()) {
            throw malformed(where, "'variants' must be a list of variants");
        }
        Set<String> known = new LinkedHashSet<>();
        children.forEach(c -> known.add(c.name()));
        List<OptionSpec.Variant> variants = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : list) {
            String at = where + " variants[" + index++ + "]";
            List<String> required;
            List<String> optional = List.of();
            if (entry.isObject()) {
                required = entry.has("required") ? strings(entry.get("required"), at + " required") : List.of();
                optional = entry.has("optional") ? strings(entry.get("optional"), at + " optional") : List.of();
            } else {
                required = strings(entry, at);
            }
            for (String field : concat(required, optional)) {
                if (!known.contains(field)) {
                    throw malformed(at, "names '" + field + "', which is not an option of this object");
                }
            }
            variants.add(new OptionSpec.Variant(new LinkedHashSet<>(required), new LinkedHashSet<>(optional)));
        }
        return variants;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Set<ValueType> valueTypes(JsonNode type, String where) {
        if (type == null || type.isNull()) {
            throw malformed(where, "'type' is missing");
        }
        List<String> names = type.isTextual() ? List.of(type.textValue()) : strings(type, where + " type");
        if (names.isEmpty()) {
            throw malformed(where, "'type' must name at least one value type");
        }
        Set<ValueType> types = new LinkedHashSet<>();
        for (String name : names) {
            try {
                types.add(ValueType.fromCatalog(name));
            } catch (IllegalArgumentException e) {
                throw malformed(where, "has the unknown value type '" + name + "'");
            }
        }
        return types;
    }

    /** A JSON value as a plain Java value: String, Boolean, Long, Double, unmodifiable List and Map, or null. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.asText();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(e -> list.add(plain(e)));
            return Collections.unmodifiableList(list);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        return Collections.unmodifiableMap(map);
    }

    private ComponentKind kind(String label, String where) {
        try {
            return ComponentKind.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw malformed(where, "has the unknown component kind '" + label + "' (known: source, transform, sink)");
        }
    }

    private JsonNode field(JsonNode node, String name, JsonNodeType type, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw malformed(where, "'" + name + "' is missing");
        }
        if (value.getNodeType() != type) {
            throw malformed(where, "'" + name + "' must be " + (type == JsonNodeType.ARRAY ? "a list" : "an object") + " but is " + describe(value));
        }
        return value;
    }

    private String text(JsonNode node, String name, String where) {
        return optionalText(node, name, where).orElseThrow(() -> malformed(where, "'" + name + "' is missing"));
    }

    private Optional<String> optionalText(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw malformed(where, "'" + name + "' must be a string but is " + describe(value));
        }
        return Optional.of(value.textValue());
    }

    /** A boolean field; {@code absent} null means the field is required. */
    private boolean bool(JsonNode node, String name, String where, Boolean absent) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (absent == null) {
                throw malformed(where, "'" + name + "' is missing");
            }
            return absent;
        }
        if (!value.isBoolean()) {
            throw malformed(where, "'" + name + "' must be true or false but is " + describe(value));
        }
        return value.booleanValue();
    }

    private List<String> strings(JsonNode list, String where) {
        if (!list.isArray()) {
            throw malformed(where, "must be a list of strings but is " + describe(list));
        }
        List<String> values = new ArrayList<>(list.size());
        for (JsonNode e : list) {
            if (!e.isTextual()) {
                throw malformed(where, "must be a list of strings but holds " + describe(e));
            }
            values.add(e.textValue());
        }
        return values;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "the string \"" + node.textValue() + "\"";
            default -> node.toString();
        };
    }

    private IllegalArgumentException malformed(String where, String problem) {
        return new IllegalArgumentException("The component catalog " + origin + " is malformed: " + where + " " + problem);
    }
}
