package dev.vectorflow.ports.protocol;

import java.util.List;
import java.util.ArrayList;
import java.util.Collections;

/**
 * Protocol v1: events captured for a {@code sample} action on one component. {@code events} holds JSON values
 * as plain Java objects (maps, lists, strings, numbers, booleans); {@code error} is set when sampling failed.
 */
public record SampleResult(String requestId, String componentKey, List<Object> events, List<SchemaField> schema,
                           String error) {

    public SampleResult {
        events = events == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(events));
        schema = schema == null ? List.of() : List.copyOf(schema);
    }
}
