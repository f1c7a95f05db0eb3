package dev.vectorflow.ports.protocol;

import java.util.List;

/**
 * Protocol v1: what the two runs of a preview wrote ({@code POST /api/agent/preview-result}): per run, each sink's
 * events as NDJSON ({@code cut} when the agent stopped reading at its cap), Vector's output, and why the run failed, if it
 * did.
 */
public record PreviewResult(String requestId, Run baseline, Run draft) {

    /** One run: {@code error} empty or null when Vector ran to the end. */
    public record Run(String error, List<SinkOutput> sinks, String log) {
        public Run {
            sinks = sinks == null ? List.of() : List.copyOf(sinks);
        }
    }

    /** The events one sink wrote, as NDJSON. */
    public record SinkOutput(String sinkId, String events, boolean cut) {
    }
}
