package dev.vectorflow.ports.out.telemetry;

import dev.vectorflow.core.pipeline.PipelineId;
import java.time.Instant;

/** What one component of a pipeline did over one minute on the nodes this server heard from (sums of counter deltas). */
public record ComponentMinute(PipelineId pipelineId, String componentId, String componentKind, Instant minute, long eventsIn,
                              long eventsOut, long bytesIn, long bytesOut, long errors, long discarded) {
}
