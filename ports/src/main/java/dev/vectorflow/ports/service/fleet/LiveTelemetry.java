package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.fleet.CounterDelta;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.agent.ComponentMetrics;
import dev.vectorflow.ports.in.agent.HostMetrics;
import dev.vectorflow.ports.in.fleet.FleetQueries.HostNow;
import dev.vectorflow.ports.in.fleet.FleetQueries.LiveCounters;
import dev.vectorflow.ports.out.fleet.TelemetryBatch.ComponentMinute;
import dev.vectorflow.ports.out.fleet.TelemetryBatch.HostMinute;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory side of telemetry: turns cumulative counters into rates (a counter that went down was reset), keeps
 * the latest rates per node, pipeline and component for the live views, and accumulates per-minute rollups that are
 * persisted when the minute is over. Nothing here touches the database.
 */
public final class LiveTelemetry {

    static final int EVENTS_IN = 0;
    static final int EVENTS_OUT = 1;
    static final int BYTES_IN = 2;
    static final int BYTES_OUT = 3;
    static final int ERRORS = 4;
    static final int DISCARDED = 5;
    static final int COUNTERS = 6;
    /** Readings further apart than this are not turned into a rate (the node was away). */
    private static final Duration MAX_GAP = Duration.ofMinutes(10);

    private final ConcurrentHashMap<NodeId, NodeReadings> nodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ComponentMinuteKey, ComponentAccumulator> componentMinutes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<HostMinuteKey, HostAccumulator> hostMinutes = new ConcurrentHashMap<>();

    private record ComponentMinuteKey(PipelineId pipeline, String component, long minute) {
    }

    private record HostMinuteKey(NodeId node, long minute) {
    }

    /** What this server last heard from one node. */
    private static final class NodeReadings {
        Instant hostAt;
        HostMetrics host;
        HostNow hostNow;
        final Map<PipelineId, PipelineReadings> pipelines = new HashMap<>();
    }

    private static final class PipelineReadings {
        Instant at;
        long[] totals;
        LiveCounters live;
        final Map<String, long[]> components = new HashMap<>();
        final Map<String, LiveCounters> componentLive = new HashMap<>();
    }

    /** Sums of one component's counter deltas over one minute; thousands of nodes add to the same few at once. */
    private static final class ComponentAccumulator {
        final java.util.concurrent.atomic.LongAdder[] sums = new java.util.concurrent.atomic.LongAdder[COUNTERS];
        volatile String kind;

        ComponentAccumulator() {
            for (int i = 0; i < COUNTERS; i++) {
                sums[i] = new java.util.concurrent.atomic.LongAdder();
            }
        }
    }

    private static final class HostAccumulator {
        int samples;
        int cpuSamples;
        double cpuPercent;
        int loadSamples;
        double load1;
        int memSamples;
        double memUsed;
        double memTotal;
        int fsSamples;
        double fsUsed;
        double fsTotal;
        double seconds;
        double diskRead;
        double diskWritten;
        double netRx;
        double netTx;
    }

    /** Counters of a report as an array (-1 where the agent sent nothing usable). */
    static long[] counters(Long eventsIn, Long eventsOut, Long bytesIn, Long bytesOut, Long errors, Long discarded) {
        return new long[] {orUnknown(eventsIn), orUnknown(eventsOut), orUnknown(bytesIn), orUnknown(bytesOut), orUnknown(errors),
                orUnknown(discarded)};
    }

    private static long orUnknown(Long value) {
        return value == null ? -1 : value;
    }

    void recordHost(NodeId node, Instant at, HostMetrics host) {
        NodeReadings readings = nodes.computeIfAbsent(node, n -> new NodeReadings());
        synchronized (readings) {
            HostMetrics previous = readings.host;
            Instant previousAt = readings.hostAt;
            Double cpu = null;
            double seconds = previousAt == null ? 0 : Duration.between(previousAt, at).toMillis() / 1000.0;
            boolean usable = previous != null && seconds > 0 && Duration.between(previousAt, at).compareTo(MAX_GAP) <= 0;
            if (usable && previous.cpuSecondsTotal() != null && host.cpuSecondsTotal() != null && previous.cpuSecondsIdle() != null
                    && host.cpuSecondsIdle() != null) {
                double total = CounterDelta.between(previous.cpuSecondsTotal(), host.cpuSecondsTotal());
                double idle = CounterDelta.between(previous.cpuSecondsIdle(), host.cpuSecondsIdle());
                if (total > 0) {
                    cpu = Math.max(0, Math.min(100, (total - idle) / total * 100));
                }
            }
            readings.host = host;
            readings.hostAt = at;
            readings.hostNow = new HostNow(at, cpu != null ? cpu : readings.hostNow == null ? null : readings.hostNow.cpuPercent(),
                    host.loadAvg1(), host.memoryUsedBytes(), host.memoryTotalBytes(), host.fsUsedBytes(), host.fsTotalBytes());
            Double cpuPercent = cpu;
            hostMinutes.compute(new HostMinuteKey(node, minuteOf(at)), (key, acc) -> {
                HostAccumulator a = acc == null ? new HostAccumulator() : acc;
                a.samples++;
                if (cpuPercent != null) {
                    a.cpuSamples++;
                    a.cpuPercent += cpuPercent;
                }
                if (host.loadAvg1() != null) {
                    a.loadSamples++;
                    a.load1 += host.loadAvg1();
                }
                if (host.memoryUsedBytes() != null && host.memoryTotalBytes() != null) {
                    a.memSamples++;
                    a.memUsed += host.memoryUsedBytes();
                    a.memTotal += host.memoryTotalBytes();
                }
                if (host.fsUsedBytes() != null && host.fsTotalBytes() != null) {
                    a.fsSamples++;
                    a.fsUsed += host.fsUsedBytes();
                    a.fsTotal += host.fsTotalBytes();
                }
                if (usable) {
                    a.seconds += seconds;
                    a.diskRead += delta(previous.diskReadBytes(), host.diskReadBytes());
                    a.diskWritten += delta(previous.diskWrittenBytes(), host.diskWrittenBytes());
                    a.netRx += delta(previous.netRxBytes(), host.netRxBytes());
                    a.netTx += delta(previous.netTxBytes(), host.netTxBytes());
                }
                return a;
            });
        }
    }

    private static long delta(Long previous, Long current) {
        return previous == null || current == null ? 0 : CounterDelta.between(previous, current);
    }

    void recordPipeline(NodeId node, PipelineId pipeline, Instant at, long[] totals, List<ComponentMetrics> components) {
        NodeReadings readings = nodes.computeIfAbsent(node, n -> new NodeReadings());
        long minute = minuteOf(at);
        synchronized (readings) {
            PipelineReadings p = readings.pipelines.computeIfAbsent(pipeline, id -> new PipelineReadings());
            double seconds = p.at == null ? 0 : Duration.between(p.at, at).toMillis() / 1000.0;
            boolean usable = p.at != null && seconds > 0 && Duration.between(p.at, at).compareTo(MAX_GAP) <= 0;
            p.live = live(usable ? p.totals : null, totals, seconds);
            p.totals = totals;
            for (ComponentMetrics c : components) {
                long[] now = counters(c.receivedEvents(), c.sentEvents(), c.receivedBytes(), c.sentBytes(), c.errorsTotal(),
                        c.discardedEvents());
                long[] before = usable ? p.components.get(c.componentId()) : null;
                p.components.put(c.componentId(), now);
                p.componentLive.put(c.componentId(), live(before, now, seconds));
                if (before != null) {
                    long[] deltas = new long[COUNTERS];
                    for (int i = 0; i < COUNTERS; i++) {
                        deltas[i] = before[i] < 0 || now[i] < 0 ? 0 : CounterDelta.between(before[i], now[i]);
                    }
                    ComponentMinuteKey key = new ComponentMinuteKey(pipeline, c.componentId(), minute);
                    ComponentAccumulator accumulator = componentMinutes.get(key);
                    if (accumulator == null) {
                        accumulator = componentMinutes.computeIfAbsent(key, k -> new ComponentAccumulator());
                    }
                    if (c.componentKind() != null && accumulator.kind == null) {
                        accumulator.kind = c.componentKind();
                    }
                    for (int i = 0; i < COUNTERS; i++) {
                        if (deltas[i] != 0) {
                            accumulator.sums[i].add(deltas[i]);
                        }
                    }
                }
            }
            p.components.keySet().retainAll(components.stream().map(ComponentMetrics::componentId).toList());
            p.componentLive.keySet().retainAll(p.components.keySet());
            p.at = at;
        }
    }

    private static LiveCounters live(long[] before, long[] now, double seconds) {
        double[] rates = new double[COUNTERS];
        if (before != null && seconds > 0) {
            for (int i = 0; i < COUNTERS; i++) {
                rates[i] = before[i] < 0 || now[i] < 0 ? 0 : CounterDelta.between(before[i], now[i]) / seconds;
            }
        }
        return new LiveCounters(Math.max(0, now[EVENTS_IN]), Math.max(0, now[EVENTS_OUT]), Math.max(0, now[BYTES_IN]),
                Math.max(0, now[BYTES_OUT]), Math.max(0, now[ERRORS]), Math.max(0, now[DISCARDED]), rates[EVENTS_IN], rates[EVENTS_OUT],
                rates[BYTES_IN], rates[BYTES_OUT], rates[ERRORS], rates[DISCARDED]);
    }

    /** Forgets pipelines a node no longer runs. */
    void retainPipelines(NodeId node, java.util.Set<PipelineId> running) {
        NodeReadings readings = nodes.get(node);
        if (readings != null) {
            synchronized (readings) {
                readings.pipelines.keySet().retainAll(running);
            }
        }
    }

    void forget(NodeId node) {
        nodes.remove(node);
    }

    Optional<LiveCounters> live(NodeId node, PipelineId pipeline) {
        NodeReadings readings = nodes.get(node);
        if (readings == null) {
            return Optional.empty();
        }
        synchronized (readings) {
            PipelineReadings p = readings.pipelines.get(pipeline);
            return p == null ? Optional.empty() : Optional.ofNullable(p.live);
        }
    }

    Optional<HostNow> host(NodeId node) {
        NodeReadings readings = nodes.get(node);
        if (readings == null) {
            return Optional.empty();
        }
        synchronized (readings) {
            return Optional.ofNullable(readings.hostNow);
        }
    }

    /** Latest rates per component of a pipeline, summed over the nodes heard from since {@code freshSince}. */
    Map<String, LiveCounters> liveComponents(PipelineId pipeline, Instant freshSince) {
        Map<String, double[]> sums = new HashMap<>();
        Map<String, long[]> totals = new HashMap<>();
        for (NodeReadings readings : nodes.values()) {
            synchronized (readings) {
                PipelineReadings p = readings.pipelines.get(pipeline);
                if (p == null || p.at == null || p.at.isBefore(freshSince)) {
                    continue;
                }
                p.componentLive.forEach((component, live) -> {
                    double[] s = sums.computeIfAbsent(component, c -> new double[COUNTERS]);
                    long[] t = totals.computeIfAbsent(component, c -> new long[COUNTERS]);
                    s[EVENTS_IN] += live.eventsInPerSec();
                    s[EVENTS_OUT] += live.eventsOutPerSec();
                    s[BYTES_IN] += live.bytesInPerSec();
                    s[BYTES_OUT] += live.bytesOutPerSec();
                    s[ERRORS] += live.errorsPerSec();
                    s[DISCARDED] += live.discardedPerSec();
                    t[EVENTS_IN] += live.eventsIn();
                    t[EVENTS_OUT] += live.eventsOut();
                    t[BYTES_IN] += live.bytesIn();
                    t[BYTES_OUT] += live.bytesOut();
                    t[ERRORS] += live.errors();
                    t[DISCARDED] += live.discarded();
                });
            }
        }
        Map<String, LiveCounters> result = new java.util.TreeMap<>();
        sums.forEach((component, s) -> {
            long[] t = totals.get(component);
            result.put(component, new LiveCounters(t[EVENTS_IN], t[EVENTS_OUT], t[BYTES_IN], t[BYTES_OUT], t[ERRORS], t[DISCARDED],
                    s[EVENTS_IN], s[EVENTS_OUT], s[BYTES_IN], s[BYTES_OUT], s[ERRORS], s[DISCARDED]));
        });
        return result;
    }

    /**
     * Finished minutes as rollups, removed from memory. A minute is taken one minute after it ended, when no heartbeat
     * can still be adding to it (their minute is the one they arrive in).
     */
    Rollups drainFinishedMinutes(Instant now) {
        long current = minuteOf(now) - 1;
        List<HostMinute> host = new ArrayList<>();
        for (HostMinuteKey key : List.copyOf(hostMinutes.keySet())) {
            if (key.minute() < current) {
                HostAccumulator a = hostMinutes.remove(key);
                if (a != null) {
                    host.add(new HostMinute(key.node(), Instant.ofEpochSecond(key.minute() * 60), a.samples,
                            a.cpuSamples == 0 ? null : a.cpuPercent / a.cpuSamples, a.loadSamples == 0 ? null : a.load1 / a.loadSamples,
                            a.memSamples == 0 ? null : Math.round(a.memUsed / a.memSamples),
                            a.memSamples == 0 ? null : Math.round(a.memTotal / a.memSamples),
                            a.fsSamples == 0 ? null : Math.round(a.fsUsed / a.fsSamples),
                            a.fsSamples == 0 ? null : Math.round(a.fsTotal / a.fsSamples),
                            a.seconds == 0 ? null : a.diskRead / a.seconds, a.seconds == 0 ? null : a.diskWritten / a.seconds,
                            a.seconds == 0 ? null : a.netRx / a.seconds, a.seconds == 0 ? null : a.netTx / a.seconds));
                }
            }
        }
        List<ComponentMinute> components = new ArrayList<>();
        for (ComponentMinuteKey key : List.copyOf(componentMinutes.keySet())) {
            if (key.minute() < current) {
                ComponentAccumulator a = componentMinutes.remove(key);
                if (a != null) {
                    components.add(new ComponentMinute(key.pipeline(), key.component(), a.kind == null ? "" : a.kind,
                            Instant.ofEpochSecond(key.minute() * 60), a.sums[EVENTS_IN].sum(), a.sums[EVENTS_OUT].sum(),
                            a.sums[BYTES_IN].sum(), a.sums[BYTES_OUT].sum(), a.sums[ERRORS].sum(), a.sums[DISCARDED].sum()));
                }
            }
        }
        return new Rollups(host, components);
    }

    /** Finished rollups ready to be stored. */
    record Rollups(List<HostMinute> host, List<ComponentMinute> components) {
    }

    private static long minuteOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
    }
}
