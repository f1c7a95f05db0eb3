package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;

/**
 * The fleet's periodic work, run by whichever server holds the job's lease: marking silent nodes UNREACHABLE, and
 * enforcing telemetry retention (and hourly rollups).
 */
public final class FleetJobs {

    public static final String STATUS_SWEEP = "fleet.status-sweep";
    public static final String RETENTION = "fleet.retention";

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final TelemetryRepository telemetry;
    private final FleetTuning settings;
    private final Clock clock;

    public FleetJobs(Transactions transactions, NodeRepository nodes, TelemetryRepository telemetry, FleetTuning settings, Clock clock) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.telemetry = telemetry;
        this.settings = settings;
        this.clock = clock;
    }

    /** Marks nodes that sent nothing for poll interval × threshold UNREACHABLE; returns the transitions. */
    public List<StatusTransition> sweepStatus() {
        Instant now = clock.instant();
        String reason = "no heartbeat for " + settings.unreachableAfter().toSeconds() + " s (" + settings.unhealthyThreshold()
                + " polls of " + settings.pollInterval().toMillis() + " ms)";
        return transactions.inTransaction(() -> nodes.markUnreachable(now.minus(settings.unreachableAfter()), now, reason));
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
