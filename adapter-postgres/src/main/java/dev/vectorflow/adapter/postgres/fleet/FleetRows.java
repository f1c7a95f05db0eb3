package dev.vectorflow.adapter.postgres.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.ports.protocol.SchemaField;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Record;

/** How fleet values are stored in columns: labels and samples as JSON text, instants as UTC timestamps. */
final class FleetRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FleetRows() {
    }

    /** An instant as a bind value of plain SQL (jOOQ would bind an {@code OffsetDateTime} there as text). */
    static java.sql.Timestamp utc(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    static Instant instant(Record r, String column) {
        Object value = r.get(column);
        return switch (value) {
            case null -> null;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> r.get(column, OffsetDateTime.class).toInstant();
        };
    }

    static Optional<Instant> optionalInstant(Record r, String column) {
        return Optional.ofNullable(instant(r, column));
    }

    static String labels(Labels labels) {
        return json(labels.values());
    }

    static Labels labels(String json) {
        if (json == null || json.isBlank()) {
            return Labels.NONE;
        }
        try {
            return Labels.of(MAPPER.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<Object> events(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<Object>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    static List<SchemaField> schema(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<SchemaField>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
