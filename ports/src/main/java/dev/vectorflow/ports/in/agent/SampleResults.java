package dev.vectorflow.ports.in.agent;

import java.util.List;

/** Protocol v1: the body of {@code POST /api/agent/samples}. */
public record SampleResults(List<SampleResult> results) {

    public SampleResults {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
