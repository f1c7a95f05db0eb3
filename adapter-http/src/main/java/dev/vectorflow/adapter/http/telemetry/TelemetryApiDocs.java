package dev.vectorflow.adapter.http.telemetry;

import static dev.vectorflow.adapter.http.openapi.Schema.array;
import static dev.vectorflow.adapter.http.openapi.Schema.dateTime;
import static dev.vectorflow.adapter.http.openapi.Schema.integer;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.uuid;

import dev.vectorflow.adapter.http.openapi.ApiDocs;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.HostSeriesResponse;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.LogLineResponse;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.PipelineMetricsResponse;
import dev.vectorflow.adapter.http.telemetry.TelemetryResponses.SampleStatusResponse;
import dev.vectorflow.ports.in.telemetry.LogsAndSamplesQueries;
import dev.vectorflow.ports.in.telemetry.MetricsQueries;

/** The telemetry routes (host and pipeline metrics, log lines, sample results) in the OpenAPI document. */
public final class TelemetryApiDocs {

    private TelemetryApiDocs() {
    }

    private static final String RANGE = "Metrics are kept per minute. from and to are ISO-8601 instants (default: the last hour); step is in"
            + " seconds, at least 60 (default: about 120 points in whole minutes); a range of more than " + MetricsQueries.MAX_POINTS
            + " steps is refused.";

    private static ApiDocs.Operation range(ApiDocs.Operation operation) {
        return operation.description(RANGE)
                .query("from", dateTime(), "start of the range (cut to the minute)")
                .query("to", dateTime(), "end of the range (default now)")
                .query("step", integer(60, Integer.MAX_VALUE), "seconds per point");
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Telemetry");
        range(docs.get("/api/nodes/{nodeId}/metrics", "A node's host metrics over time (CPU, memory, disk, network, load)"))
                .ok(of(HostSeriesResponse.class));
        range(docs.get("/api/pipelines/{pipelineId}/metrics", "A pipeline's event flow over time, in total and per component, and its live rates"))
                .ok(of(PipelineMetricsResponse.class));
        docs.get("/api/nodes/{nodeId}/logs", "A node's Vector log lines in the order they came, after a sequence number")
                .query("pipelineId", uuid(), "only lines of this pipeline")
                .query("after", integer(0, Long.MAX_VALUE), "only lines with a larger seq (default 0: from the oldest kept)")
                .query("limit", integer(1, LogsAndSamplesQueries.MAX_LOG_LINES), "the most lines answered (default 500)")
                .ok(array(of(LogLineResponse.class)));
        docs.get("/api/nodes/{nodeId}/samples/{requestId}", "The sample events a node sent for a sample request (PENDING until they come)")
                .ok(of(SampleStatusResponse.class));
    }
}
