package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.PipelineView;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.port.HostProbe;
import dev.vectorflow.ports.protocol.ComponentMetrics;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HostMetrics;
import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What a heartbeat tells the server: the agent, its host, every pipeline with its scraped counters, and the buffered telemetry. */
final class HeartbeatReporter {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final ControlSettings settings;
    private final HostProbe host;
    private final Pipelines pipelines;
    private final VectorTelemetry telemetry;
    private final ExecutorService workers;
    private final TelemetryBuffer buffer;
    private final Supplier<String> vectorVersion;
    private final Supplier<String> updateError;

    HeartbeatReporter(ControlSettings settings, HostProbe host, Pipelines pipelines, VectorTelemetry telemetry, ExecutorService workers,
                      TelemetryBuffer buffer, Supplier<String> vectorVersion, Supplier<String> updateError) {
        this.settings = settings;
        this.host = host;
        this.pipelines = pipelines;
        this.telemetry = telemetry;
        this.workers = workers;
        this.buffer = buffer;
        this.vectorVersion = vectorVersion;
        this.updateError = updateError;
    }

    /** The next heartbeat; what it takes from the buffer goes back with {@link #unsent} when it could not be sent. */
    Outgoing next() {
        buffer.addLogs(pipelines.drainLogs());
        List<PipelineReport> reports = reportsWithMetrics();
        TelemetryBuffer.Batch batch = buffer.take();
        return new Outgoing(request(reports, batch), batch);
    }

    /**
     * The last heartbeat of a stopping agent: no scrape (the worker pool is shut down), so the pipelines' states without
     * counters; empty when no telemetry waits.
     */
    Optional<Outgoing> last() {
        buffer.addLogs(pipelines.drainLogs());
        TelemetryBuffer.Batch batch = buffer.take();
        if (batch.logs().isEmpty() && batch.actionResults().isEmpty() && batch.samples().isEmpty()) {
            return Optional.empty();
        }
        List<PipelineReport> reports = pipelines.views().stream().map(v -> PipelineTotals.report(v, null)).toList();
        return Optional.of(new Outgoing(request(reports, batch), batch));
    }

    void unsent(Outgoing heartbeat) {
        buffer.putBack(heartbeat.batch());
    }

    private HeartbeatRequest request(List<PipelineReport> reports, TelemetryBuffer.Batch batch) {
        return new HeartbeatRequest(settings.agentVersion(), vectorVersion.get(), settings.deploymentMode(),
                settings.labels(), hostMetrics(), reports, batch.logs(), batch.samples(), batch.actionResults(), updateError.get());
    }

    private HostMetrics hostMetrics() {
        try {
            return host.probe();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "host metrics unavailable: " + e.getMessage());
            return null;
        }
    }

    /** Scrapes every running pipeline in parallel within one budget: a hung Vector only loses its own counters. */
    private List<PipelineReport> reportsWithMetrics() {
        List<PipelineView> views = pipelines.views();
        Map<String, CompletableFuture<Optional<List<ComponentMetrics>>>> scrapes = new LinkedHashMap<>();
        for (PipelineView v : views) {
            if (v.metricsAddress() != null) {
                scrapes.put(v.pipelineId(), CompletableFuture.supplyAsync(() -> telemetry.scrape(v.metricsAddress(), settings.scrapeBudget()), workers));
            }
        }
        long deadline = System.nanoTime() + settings.scrapeBudget().toNanos();
        List<PipelineReport> reports = new ArrayList<>();
        for (PipelineView v : views) {
            List<ComponentMetrics> metrics = null;
            CompletableFuture<Optional<List<ComponentMetrics>>> f = scrapes.get(v.pipelineId());
            if (f != null) {
                try {
                    metrics = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).orElse(null);
                } catch (Exception e) {
                    f.cancel(true);
                }
            }
            reports.add(PipelineTotals.report(v, metrics));
        }
        return reports;
    }

    /** One heartbeat and the telemetry it took from the buffer. */
    record Outgoing(HeartbeatRequest request, TelemetryBuffer.Batch batch) {
    }
}
