package dev.vectorflow.ports.service.alert;

import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.out.node.NodeRepository;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.fleet.FleetTuning;
import dev.vectorflow.ports.service.telemetry.LiveTelemetry;
import java.time.Clock;
import java.time.Instant;

/**
 * Holds a server's first evaluations back until its live readings are complete. Right after a start the live rates are
 * empty, and a rule takes "no reading" for "back to normal": an alert that fires would resolve, and fire again (and be
 * sent again) once the nodes have reported. Complete means every node that is not UNREACHABLE has reported twice to this
 * server (a rate needs two readings; a node that never reported has no readings to lose), or at the latest the unreachable timeout plus two poll intervals after the start
 * (by then a node that did not report is UNREACHABLE). Once complete it stays so.
 */
public final class EvaluationWarmUp {

    private final Transactions transactions;
    private final NodeRepository nodes;
    private final LiveTelemetry live;
    private final FleetTuning tuning;
    private final Clock clock;
    private final Instant started;
    private volatile boolean complete;

    public EvaluationWarmUp(Transactions transactions, NodeRepository nodes, LiveTelemetry live, FleetTuning tuning, Clock clock) {
        this.transactions = transactions;
        this.nodes = nodes;
        this.live = live;
        this.tuning = tuning;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Whether rules may be evaluated now. */
    public boolean complete() {
        if (complete) {
            return true;
        }
        Instant latest = started.plus(tuning.unreachableAfter()).plus(tuning.pollInterval().multipliedBy(2));
        complete = !clock.instant().isBefore(latest) || transactions.inTransaction(() -> nodes.findAll().stream()
                .allMatch(n -> !waitsFor(n) || live.measured(n.id())));
        return complete;
    }

    /** Runs {@code evaluation} once the readings are complete; before that does nothing. */
    public Runnable guarding(Runnable evaluation) {
        return () -> {
            if (complete()) {
                evaluation.run();
            }
        };
    }

    private static boolean waitsFor(Node node) {
        return node.status() != NodeStatus.UNREACHABLE && node.lastHeartbeatAt().isPresent();
    }
}
