package dev.vectorflow.ports.protocol;

/** Protocol v1: cumulative counters of one component of a running pipeline (since its Vector process started). */
public record ComponentMetrics(String componentId, String componentKind, Long receivedEvents, Long sentEvents,
                               Long receivedBytes, Long sentBytes, Long errorsTotal, Long discardedEvents) {
}
