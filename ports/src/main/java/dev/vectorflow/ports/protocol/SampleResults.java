package dev.vectorflow.ports.protocol;

import java.util.List;

/** Protocol v1: the body of {@code POST /api/agent/samples}. */
public record SampleResults(List<SampleResult> results) {

    public SampleResults {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
