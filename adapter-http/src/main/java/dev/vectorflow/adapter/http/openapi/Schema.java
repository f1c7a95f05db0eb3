package dev.vectorflow.adapter.http.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSON Schema (2020-12, as OpenAPI 3.1 takes it) of a request or an answer, written with the static factories here
 * or derived from a response record ({@link #of(Class)}). It becomes JSON only when the document is built, so that
 * records can be collected as named components.
 */
public abstract sealed class Schema permits Schema.Literal, Schema.ObjectSchema, Schema.RecordRef, Schema.Wrapped {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    abstract JsonNode toJson(Components components);

    /** A string. */
    public static Schema string() {
        return literal(JSON.objectNode().put("type", "string"));
    }

    /** A string of at most {@code max} characters. */
    public static Schema string(int max) {
        return literal(JSON.objectNode().put("type", "string").put("maxLength", max));
    }

    /** A string with a {@code format} (uuid, date-time, uri, email, ...). */
    public static Schema string(String format) {
        return literal(JSON.objectNode().put("type", "string").put("format", format));
    }

    public static Schema uuid() {
        return string("uuid");
    }

    public static Schema dateTime() {
        return string("date-time");
    }

    /** One of these strings. */
    public static Schema enumeration(String... values) {
        ObjectNode node = JSON.objectNode().put("type", "string");
        ArrayNode items = node.putArray("enum");
        for (String v : values) {
            items.add(v);
        }
        return literal(node);
    }

    public static Schema integer() {
        return literal(JSON.objectNode().put("type", "integer"));
    }

    public static Schema integer(long min, long max) {
        return literal(JSON.objectNode().put("type", "integer").put("minimum", min).put("maximum", max));
    }

    public static Schema number() {
        return literal(JSON.objectNode().put("type", "number"));
    }

    public static Schema bool() {
        return literal(JSON.objectNode().put("type", "boolean"));
    }

    /** Text, a number, true/false or null. */
    public static Schema scalarOrNull() {
        ObjectNode node = JSON.objectNode();
        node.putArray("type").add("string").add("number").add("boolean").add("null");
        return literal(node);
    }

    /** Any JSON value. */
    public static Schema any() {
        return literal(JSON.objectNode());
    }

    /** Plain text (for text/plain or text/csv answers). */
    public static Schema text() {
        return string();
    }

    public static Schema array(Schema items) {
        return new Wrapped(c -> {
            ObjectNode node = JSON.objectNode().put("type", "array");
            node.set("items", items.toJson(c));
            return node;
        });
    }

    /** An object with string keys and values of one schema. */
    public static Schema map(Schema values) {
        return new Wrapped(c -> {
            ObjectNode node = JSON.objectNode().put("type", "object");
            node.set("additionalProperties", values.toJson(c));
            return node;
        });
    }

    /** The value, or null. */
    public static Schema nullable(Schema schema) {
        return new Wrapped(c -> {
            ObjectNode node = JSON.objectNode();
            ArrayNode oneOf = node.putArray("anyOf");
            oneOf.add(schema.toJson(c));
            oneOf.addObject().put("type", "null");
            return node;
        });
    }

    /** One of several shapes. */
    public static Schema oneOf(Schema... schemas) {
        return new Wrapped(c -> {
            ObjectNode node = JSON.objectNode();
            ArrayNode oneOf = node.putArray("oneOf");
            for (Schema s : schemas) {
                oneOf.add(s.toJson(c));
            }
            return node;
        });
    }

    /** {@code {"items": [...]}}: the list answer of most collections. */
    public static Schema items(Schema item) {
        return object().required("items", array(item)).open();
    }

    /** An object built field by field; unknown fields are refused unless {@link ObjectSchema#open()}. */
    public static ObjectSchema object() {
        return new ObjectSchema();
    }

    /** The schema of a response record (and the records it holds), as a named component. */
    public static Schema of(Class<?> recordType) {
        return new RecordRef(recordType);
    }

    /**
     * The schema of a request record read leniently (the agent protocol: unknown fields are ignored on both sides): a named
     * component like {@link #of(Class)}, but open to other fields, as are the records it holds; {@code required} names the
     * fields the server refuses the request without.
     */
    public static Schema lenient(Class<?> recordType, String... required) {
        RecordRef ref = new RecordRef(recordType);
        return new Wrapped(c -> {
            JsonNode json = c.lenientRefTo(ref.type);
            if (required.length == 0) {
                return json;
            }
            ObjectNode node = JSON.objectNode();
            node.putArray("allOf").add(json);
            ArrayNode names = node.putArray("required");
            for (String name : required) {
                names.add(name);
            }
            return node;
        });
    }

    /** This schema with a description. */
    public Schema describedAs(String description) {
        Schema self = this;
        return new Wrapped(c -> {
            JsonNode json = self.toJson(c);
            if (json instanceof ObjectNode o && !o.has("$ref")) {
                return o.deepCopy().put("description", description);
            }
            ObjectNode node = JSON.objectNode();
            node.putArray("allOf").add(json);
            return node.put("description", description);
        });
    }

    private static Schema literal(ObjectNode node) {
        return new Literal(node);
    }

    static final class Literal extends Schema {
        private final ObjectNode node;

        Literal(ObjectNode node) {
            this.node = node;
        }

        @Override
        JsonNode toJson(Components components) {
            return node.deepCopy();
        }
    }

    static final class Wrapped extends Schema {
        private final Function<Components, JsonNode> build;

        Wrapped(Function<Components, JsonNode> build) {
            this.build = build;
        }

        @Override
        JsonNode toJson(Components components) {
            return build.apply(components);
        }
    }

    static final class RecordRef extends Schema {
        private final Class<?> type;

        RecordRef(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            this.type = type;
        }

        @Override
        JsonNode toJson(Components components) {
            return components.refTo(type);
        }
    }

    /** An object schema with its fields: required ones, optional ones, and whether others are allowed. */
    public static final class ObjectSchema extends Schema {
        private final Map<String, Schema> properties = new LinkedHashMap<>();
        private final Map<String, Boolean> required = new LinkedHashMap<>();
        private boolean open;

        public ObjectSchema required(String name, Schema schema) {
            properties.put(name, schema);
            required.put(name, true);
            return this;
        }

        public ObjectSchema optional(String name, Schema schema) {
            properties.put(name, schema);
            required.put(name, false);
            return this;
        }

        /** Allow fields not listed (answers that may grow, maps of settings). */
        public ObjectSchema open() {
            this.open = true;
            return this;
        }

        @Override
        JsonNode toJson(Components components) {
            ObjectNode node = JSON.objectNode().put("type", "object");
            ObjectNode props = node.putObject("properties");
            properties.forEach((name, schema) -> props.set(name, schema.toJson(components)));
            List<String> names = required.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
            if (!names.isEmpty()) {
                ArrayNode list = node.putArray("required");
                names.forEach(list::add);
            }
            if (!open) {
                node.put("additionalProperties", false);
            }
            return node;
        }
    }
}
