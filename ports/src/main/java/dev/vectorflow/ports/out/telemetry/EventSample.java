package dev.vectorflow.ports.out.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Events captured on one component for a sample request: {@code events} holds JSON values as plain Java objects (maps,
 * lists, strings, numbers, booleans), {@code schema} the fields seen in them; {@code error} is set when sampling failed.
 */
public record EventSample(String requestId, String componentKey, List<Object> events, List<SampleField> schema, String error) {

    public EventSample {
        events = events == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(events));
        schema = schema == null ? List.of() : List.copyOf(schema);
    }

    /** One field seen in the sampled events: its path ({@code .a.b}), type and a truncated sample value. */
    public record SampleField(String path, String type, String sample) {
    }
}
