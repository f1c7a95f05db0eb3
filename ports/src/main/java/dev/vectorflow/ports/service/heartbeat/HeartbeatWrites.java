package dev.vectorflow.ports.service.heartbeat;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ActionResult;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.LogBatch;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.ActionSettlement;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.LogLine;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.NodeFacts;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.PipelineState;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.telemetry.EventSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Hands heartbeats to the {@link HeartbeatWriter}, leaving out facts and pipeline states that equal what this server
 * last handed over for the node: a fleet whose nodes change nothing writes little more than their last-seen times.
 */
public final class HeartbeatWrites {

    /**
     * However unchanged, a node's facts and states are written again at least this often, so a difference made elsewhere
     * cannot last: after a random time between half of it and all of it, drawn anew each time. With one fixed interval the
     * nodes whose first heartbeats fell within one poll interval (a mass enrolment, a server start) were all written again
     * within one poll interval every 5 minutes (measured at 100,000 agents: the write queue at 18,000-23,000 and p99 up
     * to 200 ms for 20-30 s, every 5 minutes).
     */
    static final Duration REWRITE_EVERY = Duration.ofMinutes(5);

    private final HeartbeatWriter writer;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ConcurrentHashMap<NodeId, Written> written = new ConcurrentHashMap<>();
    /** When this server last turned a heartbeat away for want of room in the queue (epoch millis), else Long.MIN_VALUE. */
    private volatile long lastRefusedMillis = Long.MIN_VALUE;

    /**
     * What this server last handed to the writer for a node. It is written in full again when the writer drops the node's
     * heartbeat, and every {@link #REWRITE_EVERY} in any case. A full write keeps the objects held here when the report
     * equals them: replacing them with equal copies made every node's entry point at new objects every few minutes,
     * objects that then lived those minutes, copied by each young collection until promoted (measured at 40,000
     * agents: from the first rewrites on, the young pause grew from 30 to 117 ms in three minutes, nearly all of it
     * copying survivors and following the entries' references to them).
     */
    private static final class Written {
        NodeFacts facts;
        NodeStatus status;
        final Map<PipelineId, PipelineState> states = new HashMap<>();
        Set<PipelineId> reported;
        /** When everything is written again (epoch millis): a number, so that drawing the next time stores no new object. */
        long rewriteAtMillis;
        boolean writeAll;

        Written(Instant now, Duration lifetime) {
            rewriteAtMillis = now.toEpochMilli() + lifetime.toMillis();
        }

        void writeAllNext() {
            writeAll = true;
        }
    }

    /** Between half of {@link #REWRITE_EVERY} and all of it. */
    private Duration lifetime() {
        long half = REWRITE_EVERY.toMillis() / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * half));
    }

    /** One heartbeat as the service judged it, before de-duplication. */
    record Report(NodeId node, Instant at, NodeStatus status, String statusReason, NodeFacts facts, List<PipelineState> states,
                  Set<PipelineId> running, List<LogLine> logs, List<EventSample> samples, List<ActionSettlement> settlements,
                  Optional<String> settledUpdateVersion) {
    }

    public HeartbeatWrites(HeartbeatWriter writer, Clock clock) {
        this(writer, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** As above, with the random numbers in [0, 1) the rewrite times are drawn from given (tests). */
    HeartbeatWrites(HeartbeatWriter writer, Clock clock, DoubleSupplier random) {
        this.writer = writer;
        this.clock = clock;
        this.random = random;
        writer.whenDropped(this::forgetWritten);
    }

    /** The states that differ from the ones kept; none (the usual case) without a stream or a list made for it. */
    private static List<PipelineState> changedStates(List<PipelineState> reported, Map<PipelineId, PipelineState> kept) {
        List<PipelineState> changed = null;
        for (PipelineState s : reported) {
            if (!s.sameAs(kept.get(s.pipelineId()))) {
                if (changed == null) {
                    changed = new ArrayList<>(reported.size());
                }
                changed.add(s);
            }
        }
        return changed == null ? List.of() : Collections.unmodifiableList(changed);
    }

    /** Queues what changed since the last heartbeat of the node (everything when it is due); false when the writer's queue is full. */
    boolean offer(Report report) {
        Written last = written.computeIfAbsent(report.node(), n -> new Written(report.at(), lifetime()));
        synchronized (last) {
            boolean all = last.writeAll || report.at().toEpochMilli() >= last.rewriteAtMillis;
            List<PipelineState> changed = all ? report.states() : changedStates(report.states(), last.states);
            boolean setChanged = !report.running().equals(last.reported);
            boolean factsChanged = !report.facts().equals(last.facts);
            HeartbeatWrite write = new HeartbeatWrite(report.node(), report.at(), report.status(), report.statusReason(),
                    all || factsChanged ? Optional.of(report.facts()) : Optional.empty(), changed,
                    all || setChanged ? Optional.of(Set.copyOf(report.running())) : Optional.empty(), report.logs(), report.samples(),
                    report.settlements(), report.settledUpdateVersion());
            if (!writer.offer(write)) {
                refused();
                return false;
            }
            if (all) {
                last.writeAll = false;
                last.rewriteAtMillis = report.at().toEpochMilli() + lifetime().toMillis();
            }
            // only what changed replaces what is kept: an equal copy per heartbeat would live one interval and
            // then die in the old generation, the costliest garbage for the collector
            if (factsChanged) {
                last.facts = report.facts();
            }
            if (last.status != report.status()) {
                last.status = report.status(); // no store into the old entry when nothing changed: each dirties a card the collector scans
            }
            for (PipelineState s : changed) {
                if (all && s.sameAs(last.states.get(s.pipelineId()))) {
                    continue; // written again, kept as it was
                }
                last.states.put(s.pipelineId(), s);
            }
            if (setChanged) {
                last.states.keySet().retainAll(report.running());
                last.reported = write.reportedPipelines().orElseThrow();
            }
        }
        return true;
    }

    /** What is kept for a node: the objects themselves, so a test can see that a full write kept the equal ones. */
    record Kept(NodeFacts facts, Map<PipelineId, PipelineState> states, Set<PipelineId> reported) {
    }

    Optional<Kept> kept(NodeId node) {
        Written w = written.get(node);
        if (w == null) {
            return Optional.empty();
        }
        synchronized (w) {
            return Optional.of(new Kept(w.facts, new HashMap<>(w.states), w.reported));
        }
    }

    /** Whether the writer would refuse a heartbeat now (its queue has no room). */
    boolean full() {
        return writer.full();
    }

    /** A call turned away before its report was read: counted as {@link #refusedSince} counts refused offers. */
    void refused() {
        long now = clock.millis();
        if (now != lastRefusedMillis) {
            lastRefusedMillis = now; // at most one volatile write per millisecond however many agents are turned away
        }
    }

    /**
     * Whether this server turned a heartbeat away for want of room at or after {@code since}: a node silent since then
     * may have been one of them, so its silence says nothing about the node.
     */
    public boolean refusedSince(Instant since) {
        return lastRefusedMillis >= since.toEpochMilli();
    }

    /** Queues log lines and samples sent apart from a heartbeat, under the node's last status; false when the queue is full. */
    boolean offerLogsAndSamples(NodeId node, Instant at, List<LogLine> logs, List<EventSample> samples) {
        Written last = written.get(node);
        NodeStatus status = last == null || last.status == null ? NodeStatus.HEALTHY : last.status;
        boolean queued = writer.offer(new HeartbeatWrite(node, at, status, "heartbeat", Optional.empty(), List.of(), Optional.empty(), logs,
                samples, List.of(), Optional.empty()));
        if (!queued) {
            refused();
        }
        return queued;
    }

    /** Forgets what was written for a node (deleted or re-enrolled). */
    public void forget(NodeId node) {
        written.remove(node);
    }

    /** After a restore replaced the stored fleet: every node's next heartbeat writes everything it reports again. */
    public void forgetAll() {
        written.clear();
    }

    /** The writer could not store these nodes' last heartbeats: their next ones write everything again. */
    private void forgetWritten(Set<NodeId> dropped) {
        for (NodeId node : dropped) {
            Written w = written.get(node);
            if (w != null) {
                synchronized (w) {
                    w.writeAllNext();
                }
            }
        }
    }

    /** The lines of the environment's pipelines (others are left out), stamped with the time they arrived. */
    static List<LogLine> logLines(List<LogBatch> batches, Map<PipelineId, String> environmentPipelines, Instant now) {
        List<LogLine> lines = new ArrayList<>();
        for (LogBatch batch : batches) {
            if (environmentPipelines.containsKey(batch.pipelineId())) {
                for (String line : batch.lines()) {
                    lines.add(new LogLine(batch.pipelineId(), now, line));
                }
            }
        }
        return lines;
    }

    /** The samples that name their request and component (others cannot be stored). */
    static List<EventSample> storable(List<EventSample> samples) {
        return samples.stream().filter(s -> s.requestId() != null && s.componentKey() != null).toList();
    }

    static List<ActionSettlement> settlements(List<ActionResult> results) {
        return results.stream().map(r -> new ActionSettlement(r.actionId(), r.succeeded(), r.message())).toList();
    }
}
