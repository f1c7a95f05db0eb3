package dev.vectorflow.core.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The field-level diff of one audited change, {@code {field: {old, new}}}. Secret fields are
 * recorded as changed, never with their values.
 */
public final class Changes {

    public static final String REDACTED = "[redacted]";

    private final Map<String, Map<String, Object>> fields = new LinkedHashMap<>();

    public static Changes none() {
        return new Changes();
    }

    /** Records {@code field} when its value differs. */
    public Changes field(String field, Object oldValue, Object newValue) {
        Object o = oldValue == null ? null : plain(oldValue);
        Object n = newValue == null ? null : plain(newValue);
        if (!Objects.equals(o, n)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("old", o);
            change.put("new", n);
            fields.put(field, change);
        }
        return this;
    }

    /** Records that a secret field was set or changed, without any value. */
    public Changes secret(String field, boolean hadValue, boolean hasValue) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("old", hadValue ? REDACTED : null);
        change.put("new", hasValue ? REDACTED : null);
        fields.put(field, change);
        return this;
    }

    public Map<String, Map<String, Object>> asMap() {
        return Collections.unmodifiableMap(fields);
    }

    public String toJson() {
        return CanonicalJson.write(fields);
    }

    private static Object plain(Object value) {
        return value instanceof Boolean || value instanceof Number ? value : value.toString();
    }
}
