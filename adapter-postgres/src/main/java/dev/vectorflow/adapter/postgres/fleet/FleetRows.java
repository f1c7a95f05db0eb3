package dev.vectorflow.adapter.postgres.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.ports.out.telemetry.EventSample.SampleField;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Record;
import java.sql.Timestamp;

/** How fleet values are stored in columns: labels and samples as JSON text, instants as UTC timestamps. */
public final class FleetRows {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Duration USE_HOURS_BEYOND = Duration.ofDays(2);

    private FleetRows() {
    }

    /** Which rollups answer a range: hourly ones beyond two days when the step is an hour or more, else per-minute ones. */
    public static String grain(Instant from, Instant to, Duration step) {
        return Duration.between(from, to).compareTo(USE_HOURS_BEYOND) > 0 && step.compareTo(Duration.ofHours(1)) >= 0 ? "hour" : "minute";
    }

    /** An instant as a bind value of plain SQL (jOOQ would bind an {@code OffsetDateTime} there as text). */
    public static Timestamp utc(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Record r, String column) {
        Object value = r.get(column);
        return switch (value) {
            case null -> null;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> r.get(column, OffsetDateTime.class).toInstant();
        };
    }

    public static Optional<Instant> optionalInstant(Record r, String column) {
        return Optional.ofNullable(instant(r, column));
    }

    public static String labels(Labels labels) {
        return json(labels.values());
    }

    public static Labels labels(String json) {
        if (json == null || json.isBlank()) {
            return Labels.NONE;
        }
        try {
            return Labels.of(MAPPER.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static List<Object> events(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<Object>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    public static List<SampleField> schema(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<SampleField>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
