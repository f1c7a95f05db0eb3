package dev.vectorflow.adapter.http.preview;

import dev.vectorflow.core.preview.PreviewComparison;
import dev.vectorflow.ports.in.preview.PreviewQueries.PreviewView;
import java.time.Instant;
import java.util.List;

/** The answers of the preview routes. */
final class PreviewResponses {

    private PreviewResponses() {
    }

    /** A started preview. */
    record StartedPreview(String previewId) {
    }

    /**
     * A preview: PENDING until the node answers, then DONE with the comparison per sink ({@code sinks}) and the sinks each
     * sample event reached ({@code routes}), or FAILED with {@code reason}; {@code reason} on DONE notes outputs cut at a cap.
     */
    record PreviewResponse(String id, String pipelineId, String nodeId, String nodeName, int againstVersion, boolean againstDeployed,
                           int sampleEvents, Instant requestedAt, String requestedBy, String state, String reason, List<SinkDiffResponse> sinks,
                           List<RouteResponse> routes, String baselineLog, String draftLog) {

        static PreviewResponse fromDomain(PreviewView v) {
            List<SinkDiffResponse> sinks = v.diff().map(d -> d.sinks().stream().map(SinkDiffResponse::fromDomain).toList()).orElse(List.of());
            List<RouteResponse> routes = v.diff().map(d -> d.routes().stream()
                    .map(r -> new RouteResponse(r.sequence(), r.before(), r.after())).toList()).orElse(List.of());
            return new PreviewResponse(v.id(), v.pipelineId().toString(), v.nodeId().toString(), v.nodeName(), v.againstVersion(),
                    v.againstDeployed(), v.sampleEvents(), v.requestedAt(), v.requestedBy(), v.state().name(), v.reason(), sinks, routes,
                    v.baselineLog(), v.draftLog());
        }
    }

    /** One sink: events before (deployed) and after (draft), dropped, new, compared, and the fields that changed. */
    record SinkDiffResponse(String sinkId, int eventsBefore, int eventsAfter, int dropped, int appeared, int matched, boolean unchanged,
                            List<FieldChangeResponse> fieldsAdded, List<FieldChangeResponse> fieldsRemoved, List<FieldChangeResponse> fieldsChanged) {

        static SinkDiffResponse fromDomain(PreviewComparison.SinkDiff s) {
            return new SinkDiffResponse(s.sinkId(), s.eventsBefore(), s.eventsAfter(), s.dropped(), s.appeared(), s.matched(), s.unchanged(),
                    fields(s.fieldsAdded()), fields(s.fieldsRemoved()), fields(s.fieldsChanged()));
        }

        private static List<FieldChangeResponse> fields(List<PreviewComparison.FieldChange> changes) {
            return changes.stream().map(c -> new FieldChangeResponse(c.path(), c.events(), c.before(), c.after())).toList();
        }
    }

    /** A field path, in how many compared events it changed, and its first value before and after (absent: not there). */
    record FieldChangeResponse(String path, int events, String before, String after) {
    }

    /** The sinks sample event {@code sequence} reached with the deployed version and with the draft. */
    record RouteResponse(int sequence, List<String> before, List<String> after) {
    }
}
