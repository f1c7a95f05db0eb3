package dev.vectorflow.ports.in.telemetry;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import java.util.List;
import java.util.Optional;

/** Reads of the log lines and sample results the agents sent. */
public interface LogsAndSamplesQueries {

    /** The most log lines one call answers. */
    int MAX_LOG_LINES = 5000;

    /** Results of a sample request so far; done when every requested component answered. */
    record SampleStatus(String requestId, boolean done, List<EventSample> results) {
    }

    /** A node's log lines after {@code afterSeq}, oldest first, at most {@code limit} (1 to 5,000). */
    List<StoredLogLine> logs(NodeId node, Optional<PipelineId> pipeline, long afterSeq, int limit) throws NotFoundFailure;

    SampleStatus sample(NodeId node, String requestId) throws NotFoundFailure;
}
