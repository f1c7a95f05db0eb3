package dev.vectorflow.adapter.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.error.FieldProblem;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the fields of a request object and collects every problem before answering, so a client
 * learns about all invalid fields at once. Unknown fields are problems too (typos do not pass
 * silently).
 */
public final class JsonFields {

    private final ObjectNode body;
    private final List<FieldProblem> problems;
    /** Put before every field name in a problem: empty, or {@code parent.} for the fields of a nested object. */
    private final String prefix;

    public JsonFields(ObjectNode body, Set<String> knownFields) {
        this(body, knownFields, new ArrayList<>(), "");
    }

    private JsonFields(ObjectNode body, Set<String> knownFields, List<FieldProblem> problems, String prefix) {
        this.body = body;
        this.problems = problems;
        this.prefix = prefix;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                problems.add(new FieldProblem(prefix + name, "is not a known field (known: " + String.join(", ", knownFields.stream().sorted().toList())
                        + ")"));
            }
        }
    }

    /**
     * The fields of a required nested object, reported as {@code field.name} into the same list of problems (so one
     * {@link #throwIfInvalid()} answers them all); empty when it is missing or no object.
     */
    public Optional<JsonFields> requiredObject(String field, Set<String> knownFields) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(prefix + field, "is required"));
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode object)) {
            problems.add(new FieldProblem(prefix + field, "must be an object but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        return Optional.of(new JsonFields(object, knownFields, problems, prefix + field + "."));
    }

    /** The fields of an optional nested object (problems reported as {@code field.name}); empty when absent, null or no object. */
    public Optional<JsonFields> optionalObject(String field, Set<String> knownFields) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return requiredObject(field, knownFields);
    }

    /**
     * A required array of objects, each read as {@code field[i].name}; at most {@code max} are read (a longer array is a
     * problem). Items that are no object are problems and left out.
     */
    public Optional<List<JsonFields>> requiredObjectList(String field, Set<String> knownFields, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(prefix + field, "is required"));
            return Optional.empty();
        }
        if (!node.isArray()) {
            problems.add(new FieldProblem(prefix + field, "must be an array but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        if (node.size() > max) {
            problems.add(new FieldProblem(prefix + field, "may have at most " + max + " items but has " + node.size()));
        }
        List<JsonFields> items = new ArrayList<>();
        for (int i = 0; i < Math.min(max, node.size()); i++) {
            JsonNode item = node.get(i);
            if (item instanceof ObjectNode object) {
                items.add(new JsonFields(object, knownFields, problems, prefix + field + "[" + i + "]."));
            } else {
                problems.add(new FieldProblem(prefix + field + "[" + i + "]", "must be an object but was " + JsonBodyReader.describe(item)));
            }
        }
        return Optional.of(items);
    }

    /** True when a problem was recorded for {@code field} or a field inside it (named from the top of the body). */
    public boolean hasProblemAt(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field) || p.field().startsWith(field + ".") || p.field().startsWith(field + "["));
    }

    /** Records a problem the domain found (its field named from the top of the body). */
    public void report(InvalidValueException problem) {
        problems.add(new FieldProblem(problem.field(), problem.problem()));
    }

    /** A finite number that may be absent or null. */
    public Optional<Double> optionalNumber(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            problems.add(new FieldProblem(prefix + field, "must be a number but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        return Optional.of(node.asDouble());
    }

    /** A whole number (of any sign: the domain judges its range) that may be absent or null. */
    public Optional<Long> optionalLong(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problems.add(new FieldProblem(prefix + field, "must be a whole number but was " + (node.isNumber() ? node.asText()
                    : JsonBodyReader.describe(node))));
            return Optional.empty();
        }
        return Optional.of(node.asLong());
    }

    public boolean has(String field) {
        return body.has(field);
    }

    /** A string field that must be present and not null. */
    public Optional<String> requiredText(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(prefix + field, "is required"));
            return Optional.empty();
        }
        return text(field, node);
    }

    /**
     * A string field that may be absent ({@code Optional.empty()}) or null (given as
     * {@code nullValue}).
     */
    public Optional<String> optionalText(String field, String nullValue) {
        JsonNode node = body.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull()) {
            return Optional.ofNullable(nullValue);
        }
        return text(field, node);
    }

    /** A boolean field that may be absent. */
    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            problems.add(new FieldProblem(prefix + field, "must be true or false but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    /** A whole number between {@code min} and {@code max} that may be absent or null. */
    public Optional<Integer> optionalInt(String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            problems.add(new FieldProblem(prefix + field, "must be a whole number from " + min + " to " + max + " but was "
                    + (node.isNumber() ? node.asText() : JsonBodyReader.describe(node))));
            return Optional.empty();
        }
        return Optional.of(node.asInt());
    }

    /** An object of string values that may be absent or null (then empty). */
    public Optional<Map<String, String>> optionalStringMap(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.of(Map.of());
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem(prefix + field, "must be an object of strings but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                problems.add(new FieldProblem(prefix + field + "." + entry.getKey(), "must be a string but was " + JsonBodyReader.describe(entry.getValue())));
                return Optional.empty();
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        }
        return Optional.of(values);
    }

    /**
     * A list of objects that may be absent or null (then empty), of at most {@code max} items; each item's fields are
     * reported as {@code field[i].name} into the same list of problems.
     */
    public Optional<List<JsonFields>> optionalObjectList(String field, Set<String> knownFields, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.of(List.of());
        }
        if (!node.isArray()) {
            problems.add(new FieldProblem(prefix + field, "must be a list of objects but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        if (node.size() > max) {
            problems.add(new FieldProblem(prefix + field, "may hold at most " + max + " items but held " + node.size()));
            return Optional.empty();
        }
        List<JsonFields> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!(node.get(i) instanceof ObjectNode object)) {
                problems.add(new FieldProblem(prefix + field + "[" + i + "]", "must be an object but was " + JsonBodyReader.describe(node.get(i))));
                return Optional.empty();
            }
            items.add(new JsonFields(object, knownFields, problems, prefix + field + "[" + i + "]."));
        }
        return Optional.of(items);
    }

    /** A field's JSON value as it is, for a value that may have several types; empty when absent or null. */
    public Optional<JsonNode> optionalNode(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** Records a problem found by the caller, so that {@link #throwIfInvalid()} answers it with the others. */
    public void problem(String field, String message) {
        problems.add(new FieldProblem(prefix + field, message));
    }

    /** A list of strings that must be present. */
    public Optional<List<String>> requiredStringList(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(prefix + field, "is required"));
            return Optional.empty();
        }
        if (!node.isArray()) {
            problems.add(new FieldProblem(prefix + field, "must be a list of strings but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                problems.add(new FieldProblem(prefix + field, "must be a list of strings but holds " + JsonBodyReader.describe(item)));
                return Optional.empty();
            }
            values.add(item.textValue());
        }
        return Optional.of(values);
    }

    private Optional<String> text(String field, JsonNode node) {
        if (!node.isTextual()) {
            problems.add(new FieldProblem(prefix + field, "must be a string but was " + JsonBodyReader.describe(node)));
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    /** Converts a value read above into a domain value, recording its {@link InvalidValueException}. */
    public <T, R> Optional<R> convert(Optional<T> raw, Function<T, R> conversion) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(conversion.apply(raw.get()));
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(prefix + e.field(), e.problem()));
            return Optional.empty();
        }
    }

    /** Throws the 400 answer listing every problem found, if there is any. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
    }
}
