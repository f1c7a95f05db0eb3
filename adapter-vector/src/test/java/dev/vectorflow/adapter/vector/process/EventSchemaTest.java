package dev.vectorflow.adapter.vector.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.SchemaField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSchemaTest {

    @Test
    void nestedFields_getPathsTypesAndShortSamples() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message", "x".repeat(200));
        event.put("status", 200);
        event.put("latency", 1.5);
        event.put("ok", true);
        event.put("timestamp", "2026-11-27T20:48:58.832279873Z");
        event.put("http", Map.of("method", "GET"));
        event.put("tags", List.of("a"));
        event.put("odd key", null);

        List<SchemaField> schema = EventSchema.of(List.of(event));

        assertThat(schema).extracting(SchemaField::path).containsExactly(
                ".message", ".status", ".latency", ".ok", ".timestamp", ".http.method", ".tags", ".\"odd key\"");
        assertThat(schema).extracting(SchemaField::type).containsExactly(
                "string", "integer", "float", "boolean", "timestamp", "string", "array", "null");
        assertThat(schema.getFirst().sample()).hasSize(EventSchema.SAMPLE_CHARS).endsWith("…");
    }

    @Test
    void aFieldNullInOneEvent_isTypedByAnotherEvent() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("user", null);
        List<SchemaField> schema = EventSchema.of(List.of(first, Map.of("user", "ann")));

        assertThat(schema).containsExactly(new SchemaField(".user", "string", "ann"));
    }
}
