package dev.vectorflow.ports.out.vector.runtime;

import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.SampleResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Driven port: what a running Vector tells through its API and Prometheus exporter. */
public interface VectorTelemetry {

    /** {@code GET /health} on the API address answered 200 within the timeout. */
    boolean healthy(String apiAddress, Duration timeout);

    /** The per-component counters scraped from {@code /metrics}; empty when the scrape failed or timed out. */
    Optional<List<ComponentMetrics>> scrape(String metricsAddress, Duration timeout);

    /** Up to {@code limit} events at the output of one component (with Vector: {@code vector tap}), with their schema. */
    SampleResult sample(String apiAddress, String requestId, String componentKey, int limit, Duration timeout);
}
