package dev.vectorflow.adapter.postgres.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.core.preview.PreviewComparison.PreviewDiff;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import java.util.List;

/**
 * The JSON texts of a stored preview: its sample events (JSON objects as the agent sent them), the sink ids, and the
 * comparison (the fields of {@link PreviewDiff} and its records by name).
 */
final class PreviewJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Object>> EVENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private PreviewJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PersistenceFailure("cannot store the preview: " + e.getOriginalMessage(), e);
        }
    }

    static List<Object> events(String json) {
        return read(json, EVENTS);
    }

    static List<String> strings(String json) {
        return read(json, STRINGS);
    }

    static PreviewDiff diff(String json) {
        try {
            return MAPPER.readValue(json, PreviewDiff.class);
        } catch (JsonProcessingException e) {
            throw new PersistenceFailure("cannot read a stored preview's comparison: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PersistenceFailure("cannot read a stored preview: " + e.getOriginalMessage(), e);
        }
    }
}
