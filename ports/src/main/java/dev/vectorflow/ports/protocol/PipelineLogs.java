package dev.vectorflow.ports.protocol;

import java.util.List;

/** Protocol v1: new log lines of one pipeline's Vector process, oldest first. */
public record PipelineLogs(String pipelineId, List<String> lines) {

    public PipelineLogs {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
