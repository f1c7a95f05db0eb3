package dev.vectorflow.ports.service.telemetry;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.telemetry.MetricsQueries;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.PipelineRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Answers metric series from the stored rollups, and the latest rates from what this server heard in the last few polls. */
public final class MetricsQueryService implements MetricsQueries {

    /** Most points a metrics query answers; a finer step over a long range is refused. */

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final PipelineRepository pipelines;
    private final TelemetryRepository telemetry;
    private final LiveTelemetry live;
    private final Supplier<Duration> pollInterval;
    private final Clock clock;

    public MetricsQueryService(Transactions transactions, NodeRepository nodes, PipelineRepository pipelines, TelemetryRepository telemetry,
                               LiveTelemetry live, Supplier<Duration> pollInterval, Clock clock) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.pipelines = pipelines;
        this.telemetry = telemetry;
        this.live = live;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    private static void checkRange(Instant from, Instant to, Duration step) {
        if (!from.isBefore(to)) {
            throw new InvalidValueException("from", "must be before 'to'");
        }
        if (step.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidValueException("step", "must be at least 60 seconds (metrics are kept per minute)");
        }
        if (Duration.between(from, to).dividedBy(step) > MAX_POINTS) {
            throw new InvalidValueException("step", "gives more than " + MAX_POINTS + " points over this range: choose a larger step");
        }
    }

    @Override
    public List<HostMinute> nodeMetrics(NodeId id, Instant from, Instant to, Duration step) throws NotFoundFailure {
        checkRange(from, to, step);
        return transactions.inTransaction(() -> {
            nodes.findById(id).orElseThrow(() -> new NotFoundFailure("Node", id));
            return telemetry.hostSeries(id, from, to, step);
        });
    }

    @Override
    public PipelineMetrics pipelineMetrics(PipelineId pipelineId, Instant from, Instant to, Duration step) throws NotFoundFailure {
        checkRange(from, to, step);
        List<ComponentMinute> rows = transactions.inTransaction(() -> {
            pipelines.findById(pipelineId).orElseThrow(() -> new NotFoundFailure("Pipeline", pipelineId));
            return telemetry.componentSeries(pipelineId, from, to, step);
        });
        Map<String, List<ComponentMinute>> perComponent = new TreeMap<>();
        Map<Instant, long[]> totals = new TreeMap<>();
        for (ComponentMinute row : rows) {
            perComponent.computeIfAbsent(row.componentId(), c -> new ArrayList<>()).add(row);
            long[] t = totals.computeIfAbsent(row.minute(), m -> new long[6]);
            // events in = what sources received; out = what sinks sent; errors and discards from every component
            if ("source".equals(row.componentKind())) {
                t[0] += row.eventsIn();
                t[2] += row.bytesIn();
            }
            if ("sink".equals(row.componentKind())) {
                t[1] += row.eventsOut();
                t[3] += row.bytesOut();
            }
            t[4] += row.errors();
            t[5] += row.discarded();
        }
        List<ComponentMinute> totalRows = new ArrayList<>();
        totals.forEach((at, t) -> totalRows.add(new ComponentMinute(pipelineId, "", "", at, t[0], t[1], t[2], t[3], t[4], t[5])));
        Instant fresh = clock.instant().minus(pollInterval.get().multipliedBy(3));
        return new PipelineMetrics(step, totalRows, perComponent, live.liveComponents(pipelineId, fresh));
    }
}
