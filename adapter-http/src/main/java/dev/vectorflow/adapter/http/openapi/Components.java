package dev.vectorflow.adapter.http.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The named schemas of a document: each response record becomes one component, derived from its components the way
 * the API's Jackson mapper writes it (nulls left out, {@code @JsonUnwrapped} fields inlined, {@code @JsonInclude(ALWAYS)}
 * fields present and possibly null, {@code @JsonProperty} names, java.time as ISO-8601 text).
 */
final class Components {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<Class<?>, String> names = new HashMap<>();
    private final Map<String, JsonNode> schemas = new TreeMap<>();
    private final Map<String, Class<?>> taken = new HashMap<>();
    private final Set<Class<?>> lenientRecords = new HashSet<>();

    /** A {@code $ref} to the record's component, derived the first time. */
    JsonNode refTo(Class<?> record) {
        return refTo(record, false);
    }

    /** A {@code $ref} to the record's component as a lenient request (other fields allowed, in the records it holds too). */
    JsonNode lenientRefTo(Class<?> record) {
        return refTo(record, true);
    }

    private JsonNode refTo(Class<?> record, boolean lenient) {
        String name = names.get(record);
        if (name == null) {
            name = nameFor(record);
            names.put(record, name);
            taken.put(name, record);
            if (lenient) {
                lenientRecords.add(record);
            }
            schemas.put(name, JSON.objectNode()); // placeholder: records that refer to themselves
            schemas.put(name, recordSchema(record, Map.of(), lenient));
        } else if (lenientRecords.contains(record) != lenient) {
            throw new IllegalStateException(record + " is described both as an answer and as a lenient request");
        }
        return JSON.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    /** Adds a hand-written component (the problem shape). */
    void put(String name, JsonNode schema) {
        schemas.put(name, schema);
    }

    ObjectNode toJson() {
        ObjectNode node = JSON.objectNode();
        schemas.forEach(node::set);
        return node;
    }

    private String nameFor(Class<?> record) {
        String name = record.getSimpleName();
        if (taken.containsKey(name) && record.getEnclosingClass() != null) {
            name = record.getEnclosingClass().getSimpleName() + name;
        }
        String candidate = name;
        for (int i = 2; taken.containsKey(candidate); i++) {
            candidate = name + i;
        }
        return candidate;
    }

    private ObjectNode recordSchema(Class<?> record, Map<TypeVariable<?>, Type> bindings, boolean lenient) {
        ObjectNode node = JSON.objectNode().put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        addComponents(record, bindings, properties, required, lenient);
        if (!required.isEmpty() && !lenient) {
            node.set("required", required);
        }
        if (!lenient) {
            node.put("additionalProperties", false);
        }
        return node;
    }

    private void addComponents(Class<?> record, Map<TypeVariable<?>, Type> bindings, ObjectNode properties, ArrayNode required, boolean lenient) {
        for (RecordComponent component : record.getRecordComponents()) {
            Type type = resolve(component.getGenericType(), bindings);
            if (component.isAnnotationPresent(JsonUnwrapped.class) || component.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                Class<?> raw = raw(type);
                if (!raw.isRecord()) {
                    throw new IllegalStateException("@JsonUnwrapped on a non-record in " + record);
                }
                addComponents(raw, bindingsOf(type, raw), properties, required, lenient);
                continue;
            }
            JsonProperty renamed = annotation(component, JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            JsonInclude include = annotation(component, JsonInclude.class);
            boolean always = include != null && include.value() == JsonInclude.Include.ALWAYS;
            JsonNode schema = schemaOf(type, lenient);
            boolean primitive = raw(type).isPrimitive();
            if (always && !primitive) {
                ObjectNode nullable = JSON.objectNode();
                nullable.putArray("anyOf").add(schema).addObject().put("type", "null");
                schema = nullable;
            }
            properties.set(name, schema);
            if (primitive || always) {
                required.add(name);
            }
        }
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
        A on = component.getAnnotation(type);
        return on != null ? on : component.getAccessor().getAnnotation(type);
    }

    private JsonNode schemaOf(Type type, boolean lenient) {
        Class<?> raw = raw(type);
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (raw == UUID.class) {
            return JSON.objectNode().put("type", "string").put("format", "uuid");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return JSON.objectNode().put("type", "string").put("format", "date-time");
        }
        if (raw == LocalDate.class) {
            return JSON.objectNode().put("type", "string").put("format", "date");
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == Integer.class || raw == Long.class || raw == Short.class
                || raw == OptionalInt.class || raw == OptionalLong.class) {
            return JSON.objectNode().put("type", "integer");
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class || raw == OptionalDouble.class
                || Number.class.isAssignableFrom(raw)) {
            return JSON.objectNode().put("type", "number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (raw == byte[].class) {
            return JSON.objectNode().put("type", "string").put("contentEncoding", "base64");
        }
        if (raw.isEnum()) {
            ObjectNode node = JSON.objectNode().put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return node;
        }
        if (raw == Optional.class) {
            ObjectNode node = JSON.objectNode();
            node.putArray("anyOf").add(schemaOf(argument(type, 0), lenient)).addObject().put("type", "null");
            return node;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            ObjectNode node = JSON.objectNode().put("type", "array");
            node.set("items", schemaOf(argument(type, 0), lenient));
            return node;
        }
        if (raw.isArray()) {
            ObjectNode node = JSON.objectNode().put("type", "array");
            node.set("items", schemaOf(raw.getComponentType(), lenient));
            return node;
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectNode node = JSON.objectNode().put("type", "object");
            node.set("additionalProperties", schemaOf(argument(type, 1), lenient));
            return node;
        }
        if (raw.isRecord()) {
            if (type instanceof ParameterizedType) {
                return recordSchema(raw, bindingsOf(type, raw), lenient); // a generic record: inline, its variables bound
            }
            return refTo(raw, lenient);
        }
        // JsonNode, ObjectNode, Object: any JSON value
        return JSON.objectNode();
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[index];
            if (argument instanceof WildcardType w) {
                return w.getUpperBounds()[0];
            }
            return argument;
        }
        return Object.class;
    }

    private static Map<TypeVariable<?>, Type> bindingsOf(Type type, Class<?> raw) {
        Map<TypeVariable<?>, Type> bindings = new LinkedHashMap<>();
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], p.getActualTypeArguments()[i]);
            }
        }
        return bindings;
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v) {
            return bindings.getOrDefault(v, Object.class);
        }
        return type;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }
}
