package dev.vectorflow.core.fleet;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which nodes of an environment a deployment targets: all labels must match (AND); empty matches every node. */
public record NodeSelector(Labels required) {

    public static final NodeSelector ALL = new NodeSelector(Labels.NONE);

    public NodeSelector {
        required = required == null ? Labels.NONE : required;
    }

    public static NodeSelector of(Map<String, String> labels) {
        return new NodeSelector(Labels.of(labels));
    }

    /** Parses {@code k=v,k2=v2} (blank means every node). */
    public static NodeSelector parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidValueException(field, "must be key=value pairs separated by ',' but has '" + part.strip() + "'");
            }
            String key = part.substring(0, eq).strip();
            if (labels.put(key, part.substring(eq + 1).strip()) != null) {
                throw new InvalidValueException(field, "names the label '" + key + "' twice");
            }
        }
        try {
            return of(labels);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, e.problem());
        }
    }

    public boolean matches(Labels labels) {
        for (Map.Entry<String, String> wanted : required.values().entrySet()) {
            if (!wanted.getValue().equals(labels.values().get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return required.isEmpty() ? "(all nodes)" : required.toString();
    }
}
