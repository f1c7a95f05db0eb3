package dev.vectorflow.ports.service.telemetry;

import dev.vectorflow.core.fleet.CounterDelta;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ComponentCounters;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.HostReading;
import dev.vectorflow.ports.in.fleet.FleetOverviewQueries;
import dev.vectorflow.ports.in.telemetry.MetricsQueries.HostNow;
import dev.vectorflow.ports.in.telemetry.MetricsQueries.LiveCounters;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

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
    private static final long MAX_GAP_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final long NONE = Long.MIN_VALUE;

    private final ConcurrentHashMap<NodeId, NodeReadings> nodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ComponentMinuteKey, ComponentAccumulator> componentMinutes = new ConcurrentHashMap<>();
    /** Host minutes a node has finished (its first heartbeat of a later minute closed them), waiting to be drained. */
    private final ConcurrentLinkedQueue<HostMinute> closedHostMinutes = new ConcurrentLinkedQueue<>();

    private record ComponentMinuteKey(PipelineId pipeline, String component, long minute) {
    }

    /*
     * What this server last heard from one node. Everything is updated in place: a heartbeat allocates nothing that
     * outlives it, so tens of thousands of nodes reporting every few seconds do not fill the old generation with
     * readings that die one interval later (the worst case for a generational collector's pauses).
     */
    private static final class NodeReadings {
        final HostReadings host = new HostReadings();
        final HostAccumulator minute = new HostAccumulator();
        final Map<PipelineId, PipelineReadings> pipelines = new HashMap<>();
        /** Heartbeats this server received from the node (counted up to 2: from the second one its rates are known). */
        int heartbeats;
    }

    /** The latest host report: counters for the next rate, gauges for the live view. NaN / -1 = not reported. */
    private static final class HostReadings {
        long atMillis = NONE;
        double cpuTotal = Double.NaN;
        double cpuIdle = Double.NaN;
        long diskRead = -1;
        long diskWritten = -1;
        long netRx = -1;
        long netTx = -1;
        double cpuPercent = Double.NaN;
        double load1 = Double.NaN;
        long memUsed = -1;
        long memTotal = -1;
        long fsUsed = -1;
        long fsTotal = -1;
        double netRxRate = Double.NaN;
        double netTxRate = Double.NaN;
    }

    private static final class PipelineReadings {
        long atMillis = NONE;
        /** Whether {@code rates} come from two readings (the first reading of a pipeline has no rate yet). */
        boolean rated;
        int generation;
        final long[] totals = new long[COUNTERS];
        final double[] rates = new double[COUNTERS];
        final Map<String, ComponentReadings> components = new HashMap<>();
    }

    private static final class ComponentReadings {
        final long[] counters = new long[COUNTERS];
        final double[] rates = new double[COUNTERS];
        int seen;
        boolean rated;
    }

    /** Sums of one component's counter deltas over one minute; thousands of nodes add to the same few at once. */
    private static final class ComponentAccumulator {
        final LongAdder[] sums = new LongAdder[COUNTERS];
        volatile String kind;

        ComponentAccumulator() {
            for (int i = 0; i < COUNTERS; i++) {
                sums[i] = new LongAdder();
            }
        }
    }

    /** One node's host readings over its current minute ({@code minute} = NONE while empty). */
    private static final class HostAccumulator {
        long minute = NONE;
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

        HostMinute close(NodeId node) {
            HostMinute done = new HostMinute(node, Instant.ofEpochSecond(minute * 60), samples,
                    cpuSamples == 0 ? null : cpuPercent / cpuSamples, loadSamples == 0 ? null : load1 / loadSamples,
                    memSamples == 0 ? null : Math.round(memUsed / memSamples), memSamples == 0 ? null : Math.round(memTotal / memSamples),
                    fsSamples == 0 ? null : Math.round(fsUsed / fsSamples), fsSamples == 0 ? null : Math.round(fsTotal / fsSamples),
                    seconds == 0 ? null : diskRead / seconds, seconds == 0 ? null : diskWritten / seconds,
                    seconds == 0 ? null : netRx / seconds, seconds == 0 ? null : netTx / seconds);
            minute = NONE;
            samples = cpuSamples = loadSamples = memSamples = fsSamples = 0;
            cpuPercent = load1 = memUsed = memTotal = fsUsed = fsTotal = seconds = diskRead = diskWritten = netRx = netTx = 0;
            return done;
        }
    }

    /** Counters of a report as an array (-1 where the agent sent nothing usable). */
    public static long[] counters(Long eventsIn, Long eventsOut, Long bytesIn, Long bytesOut, Long errors, Long discarded) {
        return new long[] {orUnknown(eventsIn), orUnknown(eventsOut), orUnknown(bytesIn), orUnknown(bytesOut), orUnknown(errors),
                orUnknown(discarded)};
    }

    private static long orUnknown(Long value) {
        return value == null ? -1 : value;
    }

    public void recordHost(NodeId node, Instant at, HostReading host) {
        NodeReadings readings = nodes.computeIfAbsent(node, n -> new NodeReadings());
        long atMillis = at.toEpochMilli();
        long minute = minuteOf(at);
        synchronized (readings) {
            HostReadings previous = readings.host;
            double seconds = previous.atMillis == NONE ? 0 : (atMillis - previous.atMillis) / 1000.0;
            boolean usable = seconds > 0 && atMillis - previous.atMillis <= MAX_GAP_MILLIS;
            double cpu = Double.NaN;
            double total = orNaN(host.cpuSecondsTotal());
            double idle = orNaN(host.cpuSecondsIdle());
            if (usable && !Double.isNaN(previous.cpuTotal) && !Double.isNaN(total) && !Double.isNaN(previous.cpuIdle) && !Double.isNaN(idle)) {
                double spent = CounterDelta.between(previous.cpuTotal, total);
                double idled = CounterDelta.between(previous.cpuIdle, idle);
                if (spent > 0) {
                    cpu = Math.max(0, Math.min(100, (spent - idled) / spent * 100));
                }
            }
            HostAccumulator a = readings.minute;
            if (a.minute != NONE && minute > a.minute) {
                closedHostMinutes.add(a.close(node)); // this node's first report of a later minute: the earlier one is complete
            }
            if (a.minute == NONE) {
                a.minute = minute;
            }
            a.samples++;
            if (!Double.isNaN(cpu)) {
                a.cpuSamples++;
                a.cpuPercent += cpu;
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
            long diskRead = orUnknown(host.diskReadBytes());
            long diskWritten = orUnknown(host.diskWrittenBytes());
            long netRx = orUnknown(host.netRxBytes());
            long netTx = orUnknown(host.netTxBytes());
            if (usable) {
                a.seconds += seconds;
                a.diskRead += delta(previous.diskRead, diskRead);
                a.diskWritten += delta(previous.diskWritten, diskWritten);
                long rx = delta(previous.netRx, netRx);
                long tx = delta(previous.netTx, netTx);
                a.netRx += rx;
                a.netTx += tx;
                if (previous.netRx >= 0 && netRx >= 0) {
                    previous.netRxRate = rx / seconds;
                }
                if (previous.netTx >= 0 && netTx >= 0) {
                    previous.netTxRate = tx / seconds;
                }
            }
            previous.atMillis = atMillis;
            previous.cpuTotal = total;
            previous.cpuIdle = idle;
            previous.diskRead = diskRead;
            previous.diskWritten = diskWritten;
            previous.netRx = netRx;
            previous.netTx = netTx;
            if (!Double.isNaN(cpu)) {
                previous.cpuPercent = cpu; // else the last known value stays
            }
            previous.load1 = orNaN(host.loadAvg1());
            previous.memUsed = orUnknown(host.memoryUsedBytes());
            previous.memTotal = orUnknown(host.memoryTotalBytes());
            previous.fsUsed = orUnknown(host.fsUsedBytes());
            previous.fsTotal = orUnknown(host.fsTotalBytes());
        }
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static long delta(long previous, long current) {
        return previous < 0 || current < 0 ? 0 : CounterDelta.between(previous, current);
    }

    public void recordPipeline(NodeId node, PipelineId pipeline, Instant at, long[] totals, List<ComponentCounters> components) {
        NodeReadings readings = nodes.computeIfAbsent(node, n -> new NodeReadings());
        long minute = minuteOf(at);
        long atMillis = at.toEpochMilli();
        long[] now = new long[COUNTERS];
        long[] deltas = new long[COUNTERS];
        synchronized (readings) {
            PipelineReadings p = readings.pipelines.computeIfAbsent(pipeline, id -> new PipelineReadings());
            double seconds = p.atMillis == NONE ? 0 : (atMillis - p.atMillis) / 1000.0;
            boolean usable = seconds > 0 && atMillis - p.atMillis <= MAX_GAP_MILLIS;
            advance(usable, p.totals, p.rates, totals, seconds);
            p.rated = usable;
            int generation = ++p.generation;
            for (ComponentCounters c : components) {
                fill(now, c.receivedEvents(), c.sentEvents(), c.receivedBytes(), c.sentBytes(), c.errorsTotal(), c.discardedEvents());
                ComponentReadings known = p.components.get(c.componentId());
                boolean before = usable && known != null;
                if (known == null) {
                    known = new ComponentReadings();
                    // every node names its components alike: one shared key string instead of one per node
                    p.components.put(c.componentId().intern(), known);
                }
                if (before) {
                    for (int i = 0; i < COUNTERS; i++) {
                        deltas[i] = known.counters[i] < 0 || now[i] < 0 ? 0 : CounterDelta.between(known.counters[i], now[i]);
                    }
                    addToMinute(pipeline, c, minute, deltas);
                }
                advance(before, known.counters, known.rates, now, seconds);
                known.rated = before;
                known.seen = generation;
            }
            if (p.components.size() > components.size() || components.isEmpty()) {
                p.components.values().removeIf(c -> c.seen != generation);
            }
            p.atMillis = atMillis;
        }
    }

    private void addToMinute(PipelineId pipeline, ComponentCounters c, long minute, long[] deltas) {
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

    /** Rates from the kept counters to {@code now} (0 when there is no usable earlier reading), then keeps {@code now}. */
    private static void advance(boolean usable, long[] kept, double[] rates, long[] now, double seconds) {
        for (int i = 0; i < COUNTERS; i++) {
            rates[i] = !usable || kept[i] < 0 || now[i] < 0 ? 0 : CounterDelta.between(kept[i], now[i]) / seconds;
            kept[i] = now[i];
        }
    }

    private static void fill(long[] into, Long eventsIn, Long eventsOut, Long bytesIn, Long bytesOut, Long errors, Long discarded) {
        into[EVENTS_IN] = orUnknown(eventsIn);
        into[EVENTS_OUT] = orUnknown(eventsOut);
        into[BYTES_IN] = orUnknown(bytesIn);
        into[BYTES_OUT] = orUnknown(bytesOut);
        into[ERRORS] = orUnknown(errors);
        into[DISCARDED] = orUnknown(discarded);
    }

    private static LiveCounters live(long[] totals, double[] rates) {
        return new LiveCounters(Math.max(0, totals[EVENTS_IN]), Math.max(0, totals[EVENTS_OUT]), Math.max(0, totals[BYTES_IN]),
                Math.max(0, totals[BYTES_OUT]), Math.max(0, totals[ERRORS]), Math.max(0, totals[DISCARDED]), rates[EVENTS_IN],
                rates[EVENTS_OUT], rates[BYTES_IN], rates[BYTES_OUT], rates[ERRORS], rates[DISCARDED]);
    }

    /**
     * Ends one heartbeat's readings: forgets pipelines the node no longer runs, and counts the heartbeat (see
     * {@link #measured}).
     */
    public void retainPipelines(NodeId node, Set<PipelineId> running) {
        NodeReadings readings = nodes.computeIfAbsent(node, n -> new NodeReadings());
        synchronized (readings) {
            readings.pipelines.keySet().retainAll(running);
            if (readings.heartbeats < 2) {
                readings.heartbeats++;
            }
        }
    }

    /** Whether this server has heard the node twice, so that its rates are known (a rate needs two readings). */
    public boolean measured(NodeId node) {
        NodeReadings readings = nodes.get(node);
        if (readings == null) {
            return false;
        }
        synchronized (readings) {
            return readings.heartbeats >= 2;
        }
    }

    public void forget(NodeId node) {
        nodes.remove(node);
    }

    public Optional<LiveCounters> live(NodeId node, PipelineId pipeline) {
        NodeReadings readings = nodes.get(node);
        if (readings == null) {
            return Optional.empty();
        }
        synchronized (readings) {
            PipelineReadings p = readings.pipelines.get(pipeline);
            return p == null || p.atMillis == NONE ? Optional.empty() : Optional.of(live(p.totals, p.rates));
        }
    }

    public Optional<HostNow> host(NodeId node) {
        NodeReadings readings = nodes.get(node);
        if (readings == null) {
            return Optional.empty();
        }
        synchronized (readings) {
            HostReadings h = readings.host;
            if (h.atMillis == NONE) {
                return Optional.empty();
            }
            return Optional.of(new HostNow(Instant.ofEpochMilli(h.atMillis), Double.isNaN(h.cpuPercent) ? null : h.cpuPercent,
                    Double.isNaN(h.load1) ? null : h.load1, h.memUsed < 0 ? null : h.memUsed, h.memTotal < 0 ? null : h.memTotal,
                    h.fsUsed < 0 ? null : h.fsUsed, h.fsTotal < 0 ? null : h.fsTotal));
        }
    }

    /** Latest rates per component of a pipeline, summed over the nodes heard from since {@code freshSince}. */
    public Map<String, LiveCounters> liveComponents(PipelineId pipeline, Instant freshSince) {
        long fresh = freshSince.toEpochMilli();
        Map<String, double[]> sums = new HashMap<>();
        Map<String, long[]> totals = new HashMap<>();
        for (NodeReadings readings : nodes.values()) {
            synchronized (readings) {
                PipelineReadings p = readings.pipelines.get(pipeline);
                if (p == null || p.atMillis == NONE || p.atMillis < fresh) {
                    continue;
                }
                p.components.forEach((component, c) -> {
                    double[] s = sums.computeIfAbsent(component, k -> new double[COUNTERS]);
                    long[] t = totals.computeIfAbsent(component, k -> new long[COUNTERS]);
                    for (int i = 0; i < COUNTERS; i++) {
                        s[i] += c.rates[i];
                        t[i] += Math.max(0, c.counters[i]);
                    }
                });
            }
        }
        Map<String, LiveCounters> result = new TreeMap<>();
        sums.forEach((component, s) -> result.put(component, live(totals.get(component), s)));
        return result;
    }

    /**
     * Latest pipeline-level rates summed over {@code pipelines} on every node heard from since {@code freshSince}, and
     * how many nodes that is: one pass over what is in memory, no per-node lookups.
     */
    public FleetOverviewQueries.LiveFlow flow(Set<PipelineId> pipelines, Instant freshSince) {
        long fresh = freshSince.toEpochMilli();
        double[] sums = new double[COUNTERS];
        int reporting = 0;
        for (NodeReadings readings : nodes.values()) {
            boolean counted = false;
            synchronized (readings) {
                for (Map.Entry<PipelineId, PipelineReadings> e : readings.pipelines.entrySet()) {
                    PipelineReadings p = e.getValue();
                    if (p.atMillis == NONE || p.atMillis < fresh || !pipelines.contains(e.getKey())) {
                        continue;
                    }
                    for (int i = 0; i < COUNTERS; i++) {
                        sums[i] += p.rates[i];
                    }
                    counted = true;
                }
            }
            if (counted) {
                reporting++;
            }
        }
        return new FleetOverviewQueries.LiveFlow(sums[EVENTS_IN], sums[EVENTS_OUT], sums[ERRORS], sums[DISCARDED], reporting);
    }

    /**
     * Finished minutes as rollups, removed from memory. A node's host minute is finished by its first report of a later
     * minute (so these rows trickle out with the heartbeats instead of all at once), or one minute after it ended when
     * the node went quiet; a component minute one minute after it ended, when no heartbeat can still be adding to it
     * (their minute is the one they arrive in).
     */
    public Rollups drainFinishedMinutes(Instant now) {
        long current = minuteOf(now) - 1;
        for (Map.Entry<NodeId, NodeReadings> e : nodes.entrySet()) {
            NodeReadings readings = e.getValue();
            synchronized (readings) {
                if (readings.minute.minute != NONE && readings.minute.minute < current) {
                    closedHostMinutes.add(readings.minute.close(e.getKey()));
                }
            }
        }
        List<HostMinute> host = new ArrayList<>();
        for (HostMinute m = closedHostMinutes.poll(); m != null; m = closedHostMinutes.poll()) {
            host.add(m);
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

    /** Receives what {@link #visit} reads; NaN where a value is not known. */
    public interface ReadingVisitor {

        /** The node's latest host gauges: percentages of CPU, memory and disk, load, network bytes per second in and out. */
        void host(NodeId node, double cpuPercent, double memoryPercent, double diskPercent, double load1, double netInPerSecond,
                  double netOutPerSecond);

        /** The latest rates (per second) of a pipeline on a node, in total and ({@code component} not null) per component. */
        void pipeline(NodeId node, PipelineId pipeline, String component, double eventsIn, double eventsOut, double errors, double discarded);
    }

    /**
     * Hands every node heard from since {@code freshSince} to the visitor: its host gauges, then its pipelines' and their
     * components' rates (those read twice: a first reading has no rate). One pass over what is in memory; each node is read under its own lock, so heartbeats wait at most
     * for one node's visit.
     */
    public void visit(Instant freshSince, ReadingVisitor visitor) {
        long fresh = freshSince.toEpochMilli();
        for (Map.Entry<NodeId, NodeReadings> e : nodes.entrySet()) {
            NodeReadings readings = e.getValue();
            NodeId node = e.getKey();
            synchronized (readings) {
                HostReadings h = readings.host;
                if (h.atMillis != NONE && h.atMillis >= fresh) {
                    visitor.host(node, h.cpuPercent, percent(h.memUsed, h.memTotal), percent(h.fsUsed, h.fsTotal), h.load1, h.netRxRate,
                            h.netTxRate);
                }
                for (Map.Entry<PipelineId, PipelineReadings> pe : readings.pipelines.entrySet()) {
                    PipelineReadings p = pe.getValue();
                    if (p.atMillis == NONE || p.atMillis < fresh || !p.rated) {
                        continue; // a first reading has no rate yet: not a rate of 0
                    }
                    visitor.pipeline(node, pe.getKey(), null, p.rates[EVENTS_IN], p.rates[EVENTS_OUT], p.rates[ERRORS], p.rates[DISCARDED]);
                    for (Map.Entry<String, ComponentReadings> ce : p.components.entrySet()) {
                        if (!ce.getValue().rated) {
                            continue;
                        }
                        double[] r = ce.getValue().rates;
                        visitor.pipeline(node, pe.getKey(), ce.getKey(), r[EVENTS_IN], r[EVENTS_OUT], r[ERRORS], r[DISCARDED]);
                    }
                }
            }
        }
    }

    private static double percent(long used, long total) {
        return used < 0 || total <= 0 ? Double.NaN : Math.min(100, used * 100.0 / total);
    }

    /** Finished rollups ready to be stored. */
    public record Rollups(List<HostMinute> host, List<ComponentMinute> components) {
    }

    private static long minuteOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
    }
}
