package dev.vectorflow.adapter.http.telemetry;

import dev.vectorflow.ports.in.telemetry.LogsAndSamplesQueries;
import dev.vectorflow.ports.in.telemetry.MetricsQueries;
import dev.vectorflow.ports.in.telemetry.MetricsQueries.LiveCounters;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/** The JSON shapes of metrics, log lines and samples, each mapped from the domain in one place. */
final class TelemetryResponses {

    private TelemetryResponses() {
    }

    record HostPoint(Instant t, Double cpuPercent, Long memoryUsedBytes, Long memoryTotalBytes, Long fsUsedBytes, Long fsTotalBytes,
                     Double diskReadBytesPerSec, Double diskWrittenBytesPerSec, Double netRxBytesPerSec, Double netTxBytesPerSec,
                     Double loadAvg1) {
        static HostPoint fromDomain(HostMinute m) {
            return new HostPoint(m.minute(), m.cpuPercent(), m.memoryUsedBytes(), m.memoryTotalBytes(), m.fsUsedBytes(), m.fsTotalBytes(),
                    m.diskReadBytesPerSec(), m.diskWrittenBytesPerSec(), m.netRxBytesPerSec(), m.netTxBytesPerSec(), m.loadAvg1());
        }
    }

    record HostSeriesResponse(long step, List<HostPoint> points) {
    }

    record FlowPoint(Instant t, double eventsInPerSec, double eventsOutPerSec, double bytesInPerSec, double bytesOutPerSec,
                     double errorsPerSec, double discardedPerSec) {
        static FlowPoint fromDomain(ComponentMinute m, Duration step) {
            double s = step.toSeconds();
            return new FlowPoint(m.minute(), m.eventsIn() / s, m.eventsOut() / s, m.bytesIn() / s, m.bytesOut() / s, m.errors() / s,
                    m.discarded() / s);
        }
    }

    record LiveRates(long eventsIn, long eventsOut, long errors, long discarded, double eventsInPerSec, double eventsOutPerSec,
                     double bytesInPerSec, double bytesOutPerSec, double errorsPerSec, double discardedPerSec) {
        static LiveRates fromDomain(LiveCounters l) {
            return new LiveRates(l.eventsIn(), l.eventsOut(), l.errors(), l.discarded(), l.eventsInPerSec(), l.eventsOutPerSec(),
                    l.bytesInPerSec(), l.bytesOutPerSec(), l.errorsPerSec(), l.discardedPerSec());
        }
    }

    record PipelineMetricsResponse(long step, List<FlowPoint> totals, Map<String, List<FlowPoint>> components, Map<String, LiveRates> live) {
        static PipelineMetricsResponse fromDomain(MetricsQueries.PipelineMetrics m) {
            Map<String, List<FlowPoint>> components = new LinkedHashMap<>();
            m.components().forEach((id, rows) -> components.put(id, rows.stream().map(r -> FlowPoint.fromDomain(r, m.step())).toList()));
            Map<String, LiveRates> live = new LinkedHashMap<>();
            m.live().forEach((id, l) -> live.put(id, LiveRates.fromDomain(l)));
            return new PipelineMetricsResponse(m.step().toSeconds(), m.totals().stream().map(r -> FlowPoint.fromDomain(r, m.step())).toList(),
                    components, live);
        }
    }

    record LogLineResponse(long seq, String pipelineId, Instant at, String line) {
        static LogLineResponse fromDomain(StoredLogLine l) {
            return new LogLineResponse(l.seq(), l.pipelineId().toString(), l.at(), l.line());
        }
    }

    record SchemaFieldResponse(String path, String type, String sample) {
    }

    record SampleResultResponse(String componentKey, List<Object> events, List<SchemaFieldResponse> schema, String error) {
        static SampleResultResponse fromDomain(EventSample s) {
            return new SampleResultResponse(s.componentKey(), s.events(),
                    s.schema().stream().map(f -> new SchemaFieldResponse(f.path(), f.type(), f.sample())).toList(), s.error());
        }
    }

    record SampleStatusResponse(String requestId, String state, List<SampleResultResponse> results) {
        static SampleStatusResponse fromDomain(LogsAndSamplesQueries.SampleStatus s) {
            return new SampleStatusResponse(s.requestId(), s.done() ? "DONE" : "PENDING", s.results().stream()
                    .map(SampleResultResponse::fromDomain).toList());
        }
    }
}
