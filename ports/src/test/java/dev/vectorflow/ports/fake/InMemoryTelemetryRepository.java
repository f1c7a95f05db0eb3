package dev.vectorflow.ports.fake;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Fake of {@link TelemetryRepository}, written by {@link RecordingHeartbeatWriter#flush()}: pipeline states, logs, samples
 * and minute and hour rollups in lists. Like the database, it writes nothing for a node that is not stored (any more), and
 * reads the hourly rollups for spans over two days with steps of an hour or more.
 */
public final class InMemoryTelemetryRepository implements TelemetryRepository, InMemoryTransactions.Participant {

    private static final Duration USE_HOURS_BEYOND = Duration.ofDays(2);
    /** Agent version changes kept per node, as the database keeps them. */
    private static final int AGENT_VERSIONS_KEPT = 100;

    private record StateKey(NodeId node, PipelineId pipeline) {
    }

    private record Line(NodeId node, StoredLogLine line) {
    }

    private record Sample(EventSample sample, Instant receivedAt) {
    }

    private record State(Map<StateKey, StoredPipelineState> states, List<Line> logs, List<Sample> samples, List<HostMinute> hostMinutes,
                         List<HostMinute> hostHours, List<ComponentMinute> componentMinutes, List<ComponentMinute> componentHours,
                         Instant rolledUpUntil, long seq) {
        State copy() {
            return new State(new LinkedHashMap<>(states), new ArrayList<>(logs), new ArrayList<>(samples), new ArrayList<>(hostMinutes),
                    new ArrayList<>(hostHours), new ArrayList<>(componentMinutes), new ArrayList<>(componentHours), rolledUpUntil, seq);
        }
    }

    private final InMemoryNodeRepository nodes;
    private final InMemoryNodeActionRepository actions;
    private State state = new State(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>(), new ArrayList<>(), Instant.EPOCH, 0);

    public InMemoryTelemetryRepository(InMemoryNodeRepository nodes, InMemoryNodeActionRepository actions) {
        this.nodes = nodes;
        this.actions = actions;
    }

    /**
     * Stores one flush of heartbeats as the database writer does: the node rows (time, status and reason of each node's
     * last heartbeat in the flush; facts), then pipelines, logs, samples and settled actions.
     */
    void write(List<HeartbeatWrite> batch) {
        Map<NodeId, HeartbeatWrite> latest = new LinkedHashMap<>();
        batch.forEach(h -> latest.put(h.nodeId(), h));
        latest.values().forEach(h -> nodes.heartbeat(h.nodeId(), h.at(), h.status(), h.statusReason()));
        for (HeartbeatWrite h : batch) {
            if (nodes.findById(h.nodeId()).isPresent()) {
                h.facts().ifPresent(f -> nodes.facts(h.nodeId(), f, h.at()));
                write(h);
            }
        }
    }

    /** Stores heartbeats as one flush of the writer would (for service tests that need stored samples). */
    public void store(HeartbeatWrite... heartbeats) {
        write(List.of(heartbeats));
    }

    /** The writer's own rule for "nothing worth writing" ({@link HeartbeatWrite.PipelineState#sameAs}), against a stored state. */
    private static boolean sameState(StoredPipelineState stored, HeartbeatWrite.PipelineState fresh) {
        return fresh.sameAs(new HeartbeatWrite.PipelineState(stored.pipelineId(), stored.version(), stored.checksum(),
                PipelineRunStatus.valueOf(stored.status()), stored.pid(), stored.runningSince(), stored.error()));
    }

    private void write(HeartbeatWrite h) {
        for (HeartbeatWrite.PipelineState p : h.pipelineStates()) {
            StoredPipelineState next = new StoredPipelineState(h.nodeId(), p.pipelineId(), p.version(), p.checksum(), p.status().name(),
                    p.pid(), p.runningSince(), p.error(), h.at());
            // as the database writer: a state equal to the stored one keeps its row, and updatedAt is when it last changed
            state.states.merge(new StateKey(h.nodeId(), p.pipelineId()), next, (stored, fresh) -> sameState(stored, p) ? stored : fresh);
        }
        h.reportedPipelines().ifPresent(reported -> state.states.keySet()
                .removeIf(key -> key.node().equals(h.nodeId()) && !reported.contains(key.pipeline())));
        long seq = state.seq;
        for (HeartbeatWrite.LogLine line : h.logs()) {
            state.logs.add(new Line(h.nodeId(), new StoredLogLine(++seq, line.pipelineId(), line.at(), line.line())));
        }
        state = new State(state.states, state.logs, state.samples, state.hostMinutes, state.hostHours, state.componentMinutes,
                state.componentHours, state.rolledUpUntil, seq);
        for (EventSample sample : h.samples()) {
            state.samples.add(new Sample(sample, h.at()));
            actions.settleWhere(h.nodeId(), a -> a instanceof OneShotAction.Sample s && s.requestId().equals(sample.requestId()), h.at(),
                    "SUCCEEDED", "samples received");
        }
        for (HeartbeatWrite.ActionSettlement result : h.actionResults()) {
            actions.settleWhere(h.nodeId(), a -> a.id().equals(result.actionId()), h.at(), result.status(), result.message());
        }
        h.settledUpdateVersion().ifPresent(version -> actions.settleWhere(h.nodeId(),
                a -> a instanceof OneShotAction.Update u && u.targetVersion().equals(version), h.at(), "SUCCEEDED", "agent runs " + version));
    }

    /** Stores finished minute rollups. */
    void writeRollups(List<HostMinute> host, List<ComponentMinute> components) {
        state.hostMinutes.addAll(host);
        state.componentMinutes.addAll(components);
    }

    @Override
    public List<StoredPipelineState> pipelineStates(NodeId node) {
        return state.states.values().stream().filter(s -> s.nodeId().equals(node)).toList();
    }

    @Override
    public List<StoredPipelineState> pipelineStates(Collection<NodeId> nodes) {
        return state.states.values().stream().filter(s -> nodes.contains(s.nodeId())).toList();
    }

    @Override
    public List<StoredPipelineState> pipelineStatesOf(PipelineId pipeline) {
        return state.states.values().stream().filter(s -> s.pipelineId().equals(pipeline)).toList();
    }

    /** True when a span is read from the hourly rollups (over two days, in steps of an hour or more). */
    boolean readsHours(Instant from, Instant to, Duration step) {
        return hours(from, to, step);
    }

    private static boolean hours(Instant from, Instant to, Duration step) {
        return Duration.between(from, to).compareTo(USE_HOURS_BEYOND) > 0 && step.compareTo(Duration.ofHours(1)) >= 0;
    }

    private static Instant bucket(Instant at, Duration step) {
        long seconds = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    private static Double average(Collection<HostMinute> rows, Function<HostMinute, ? extends Number> field) {
        OptionalDouble average = rows.stream().map(field).filter(Objects::nonNull).mapToDouble(Number::doubleValue).average();
        return average.isPresent() ? average.getAsDouble() : null;
    }

    private static Long roundedAverage(Collection<HostMinute> rows, Function<HostMinute, ? extends Number> field) {
        Double average = average(rows, field);
        return average == null ? null : Math.round(average);
    }

    private static HostMinute averaged(NodeId node, Instant at, List<HostMinute> rows) {
        return new HostMinute(node, at, rows.stream().mapToInt(HostMinute::samples).sum(), average(rows, HostMinute::cpuPercent),
                average(rows, HostMinute::loadAvg1), roundedAverage(rows, HostMinute::memoryUsedBytes),
                roundedAverage(rows, HostMinute::memoryTotalBytes), roundedAverage(rows, HostMinute::fsUsedBytes),
                roundedAverage(rows, HostMinute::fsTotalBytes), average(rows, HostMinute::diskReadBytesPerSec),
                average(rows, HostMinute::diskWrittenBytesPerSec), average(rows, HostMinute::netRxBytesPerSec),
                average(rows, HostMinute::netTxBytesPerSec));
    }

    private static long sum(List<ComponentMinute> rows, ToDoubleFunction<ComponentMinute> field) {
        return Math.round(rows.stream().mapToDouble(field).sum());
    }

    private static ComponentMinute summed(PipelineId pipeline, String component, Instant at, List<ComponentMinute> rows) {
        String kind = rows.stream().map(ComponentMinute::componentKind).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new ComponentMinute(pipeline, component, kind, at, sum(rows, ComponentMinute::eventsIn), sum(rows, ComponentMinute::eventsOut),
                sum(rows, ComponentMinute::bytesIn), sum(rows, ComponentMinute::bytesOut), sum(rows, ComponentMinute::errors),
                sum(rows, ComponentMinute::discarded));
    }

    @Override
    public List<HostMinute> hostSeries(NodeId node, Instant from, Instant to, Duration step) {
        Map<Instant, List<HostMinute>> buckets = (hours(from, to, step) ? state.hostHours : state.hostMinutes).stream()
                .filter(h -> h.nodeId().equals(node) && within(h.minute(), from, to))
                .collect(Collectors.groupingBy(h -> bucket(h.minute(), step), TreeMap::new, Collectors.toList()));
        return buckets.entrySet().stream().map(e -> averaged(node, e.getKey(), e.getValue())).toList();
    }

    /** The component rollups of pipelines accepted by {@code pipelines} in [from, to), from the table the span reads. */
    List<ComponentMinute> componentRows(Instant from, Instant to, Duration step, java.util.function.Predicate<PipelineId> pipelines) {
        return (hours(from, to, step) ? state.componentHours : state.componentMinutes).stream()
                .filter(c -> pipelines.test(c.pipelineId()) && within(c.minute(), from, to)).toList();
    }

    @Override
    public List<ComponentMinute> componentSeries(PipelineId pipeline, Instant from, Instant to, Duration step) {
        Map<String, Map<Instant, List<ComponentMinute>>> byComponent = componentRows(from, to, step, pipeline::equals).stream()
                .collect(Collectors.groupingBy(ComponentMinute::componentId, TreeMap::new,
                        Collectors.groupingBy(c -> bucket(c.minute(), step), TreeMap::new, Collectors.toList())));
        List<ComponentMinute> series = new ArrayList<>();
        byComponent.forEach((component, buckets) -> buckets.forEach((at, rows) -> series.add(summed(pipeline, component, at, rows))));
        return series;
    }

    @Override
    public List<StoredLogLine> logs(NodeId node, Optional<PipelineId> pipeline, long afterSeq, int limit) {
        List<StoredLogLine> matching = state.logs.stream().filter(l -> l.node().equals(node) && l.line().seq() > afterSeq)
                .map(Line::line).filter(l -> pipeline.map(l.pipelineId()::equals).orElse(true)).toList();
        return matching.subList(Math.max(0, matching.size() - limit), matching.size());
    }

    @Override
    public List<EventSample> sampleResults(String requestId) {
        return state.samples.stream().map(Sample::sample).filter(s -> s.requestId().equals(requestId)).toList();
    }

    @Override
    public List<EventSample> latestSamples(PipelineId pipeline, Collection<String> componentKeys, int limit) {
        List<Sample> newestFirst = new ArrayList<>(state.samples);
        java.util.Collections.reverse(newestFirst);
        return newestFirst.stream().sorted(java.util.Comparator.comparing(Sample::receivedAt).reversed()).map(Sample::sample)
                .filter(s -> s.error() == null && !s.events().isEmpty() && componentKeys.contains(s.componentKey())
                        && actions.pipelineOfRequest(s.requestId()).filter(pipeline::equals).isPresent())
                .limit(limit).toList();
    }

    @Override
    public long enforceRetention(Instant metricsBefore, Instant logsBefore, int logLinesPerPipeline) {
        long deleted = 0;
        for (List<HostMinute> rows : List.of(state.hostMinutes, state.hostHours)) {
            int before = rows.size();
            rows.removeIf(h -> h.minute().isBefore(metricsBefore));
            deleted += before - rows.size();
        }
        for (List<ComponentMinute> rows : List.of(state.componentMinutes, state.componentHours)) {
            int before = rows.size();
            rows.removeIf(c -> c.minute().isBefore(metricsBefore));
            deleted += before - rows.size();
        }
        int logsBefore0 = state.logs.size();
        state.logs.removeIf(l -> l.line().at().isBefore(logsBefore));
        Map<List<Object>, Integer> kept = new HashMap<>();
        List<Line> newestFirst = new ArrayList<>(state.logs.reversed());
        newestFirst.removeIf(l -> kept.merge(List.of(l.node(), l.line().pipelineId()), 1, Integer::sum) > logLinesPerPipeline);
        state.logs.retainAll(newestFirst);
        deleted += logsBefore0 - state.logs.size();
        int samples = state.samples.size();
        state.samples.removeIf(s -> s.receivedAt().isBefore(logsBefore));
        deleted += samples - state.samples.size();
        deleted += actions.deleteSettledBefore(logsBefore);
        return deleted + nodes.enforceRetention(metricsBefore, AGENT_VERSIONS_KEPT);
    }

    @Override
    public void rollUpHours(Instant before) {
        Instant from = state.rolledUpUntil;
        if (!from.isBefore(before)) {
            return;
        }
        Duration hour = Duration.ofHours(1);
        state.hostMinutes.stream().filter(h -> within(h.minute(), from, before))
                .collect(Collectors.groupingBy(h -> List.of(h.nodeId(), h.minute().truncatedTo(ChronoUnit.HOURS)), LinkedHashMap::new,
                        Collectors.toList()))
                .forEach((key, rows) -> state.hostHours.add(averaged((NodeId) key.get(0), (Instant) key.get(1), rows)));
        state.componentMinutes.stream().filter(c -> within(c.minute(), from, before))
                .collect(Collectors.groupingBy(c -> List.of(c.pipelineId(), c.componentId(), bucket(c.minute(), hour)), LinkedHashMap::new,
                        Collectors.toList()))
                .forEach((key, rows) -> state.componentHours.add(summed((PipelineId) key.get(0), (String) key.get(1), (Instant) key.get(2), rows)));
        state = new State(state.states, state.logs, state.samples, state.hostMinutes, state.hostHours, state.componentMinutes,
                state.componentHours, before, state.seq);
    }

    @Override
    public Object snapshot() {
        return state.copy();
    }

    @Override
    public void restore(Object snapshot) {
        state = ((State) snapshot).copy();
    }
}
