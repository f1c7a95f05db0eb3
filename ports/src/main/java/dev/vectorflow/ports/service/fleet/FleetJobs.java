package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.time.temporal.ChronoUnit;

/**
 * The fleet's periodic work, run by whichever server holds the job's lease: marking silent nodes UNREACHABLE, and
 * enforcing telemetry retention (and hourly rollups).
 */
public final class FleetJobs {

    public static final String STATUS_SWEEP = "fleet.status-sweep";
    public static final String RETENTION = "fleet.retention";
    /** Nodes marked UNREACHABLE per transaction. */
    static final int SWEEP_BATCH = 2_000;
    /** Batches per sweep (1,000,000 nodes); what is left waits for the next sweep one poll interval later. */
    static final int MAX_SWEEP_BATCHES = 500;

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final TelemetryRepository telemetry;
    private final FleetTuning settings;
    private final Clock clock;
    /** Whether this server turned heartbeats away for want of room at or after the instant given (HeartbeatWrites::refusedSince). */
    private final Predicate<Instant> refusedSince;
    /** When this server's jobs began: silence before it is not held against a node (see {@link #sweepStatus}). */
    private final Instant startedAt;

    public FleetJobs(Transactions transactions, NodeRepository nodes, TelemetryRepository telemetry, FleetTuning settings,
                     Predicate<Instant> refusedSince, Clock clock) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.telemetry = telemetry;
        this.settings = settings;
        this.clock = clock;
        this.refusedSince = refusedSince;
        this.startedAt = clock.instant();
    }

    /**
     * Marks nodes that sent nothing for poll interval × threshold UNREACHABLE, {@link #SWEEP_BATCH} per transaction;
     * returns the transitions. Nothing is judged before this server has been running for that long itself: agents
     * could not report while it was down (a restart of the only server, or of all of them), and marking the whole fleet
     * UNREACHABLE in the minute every agent comes back holds the rows the heartbeat writer needs (measured at 150,000
     * nodes: one 27 s statement, the write queue full meanwhile). Nor while this server has turned heartbeats away for
     * want of room within that time: their nodes called, and marking them would add a status change per node to the
     * writes it is catching up with (in a cluster, another server's refusals are not known here).
     */
    public List<StatusTransition> sweepStatus() {
        Instant now = clock.instant();
        Instant silentSince = now.minus(settings.unreachableAfter());
        if (silentSince.isBefore(startedAt) || refusedSince.test(silentSince)) {
            return List.of();
        }
        String reason = "no heartbeat for " + settings.unreachableAfter().toSeconds() + " s (" + settings.unhealthyThreshold()
                + " polls of " + settings.pollInterval().toMillis() + " ms)";
        List<StatusTransition> made = new ArrayList<>();
        // each batch commits on its own, so a heartbeat's write waits for at most one batch's row locks
        for (int batch = 0; batch < MAX_SWEEP_BATCHES; batch++) {
            List<StatusTransition> marked = transactions.inTransaction(() -> nodes.markUnreachable(silentSince, now, reason, SWEEP_BATCH));
            made.addAll(marked);
            if (marked.size() < SWEEP_BATCH) {
                break;
            }
        }
        return made;
    }

    /** Rolls finished hours up and deletes what is past retention; returns the rows deleted. */
    public long enforceRetention() {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            telemetry.rollUpHours(now.truncatedTo(ChronoUnit.HOURS));
            return telemetry.enforceRetention(now.minus(settings.metricsRetention()), now.minus(settings.logsRetention()),
                    settings.logLinesPerPipeline());
        });
    }
}
