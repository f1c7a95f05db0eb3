package dev.vectorflow.ports.service.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.fake.FleetFakes;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A server's first evaluations wait until every node that reports has reported twice to it (poll 15 s, unreachable after 45 s). */
class EvaluationWarmUpTest {

    private final FleetFakes fleet = new FleetFakes();
    private final AtomicInteger rounds = new AtomicInteger();

    private EvaluationWarmUp warmUp() {
        return new EvaluationWarmUp(fleet.transactions, fleet.nodes, fleet.live, fleet.settings, fleet.clock);
    }

    /** A node as the database knows it after it reported (to whichever server) with {@code status}. */
    private Node reported(String hostname, NodeStatus status) {
        return stored(hostname, status, Optional.of(fleet.clock.instant()));
    }

    private Node stored(String hostname, NodeStatus status, Optional<java.time.Instant> lastHeartbeat) {
        Node n = fleet.enroll(hostname, Labels.NONE).node();
        Node reported = new Node(n.id(), n.environmentId(), n.hostname(), n.os(), n.agentVersion(), n.vectorVersion(), n.deploymentMode(),
                n.agentLabels(), n.userLabels(), n.maintenance(), status, "", n.enrolledAt(), lastHeartbeat, false, "");
        fleet.transactions.inTransaction(() -> {
            fleet.nodes.delete(n.id());
            fleet.nodes.insert(reported, "lookup-" + hostname, "hash");
            return null;
        });
        return reported;
    }

    @Test
    void givenNodesThatReport_rulesWaitUntilThisServerHeardEachTwice_thenRunFromThenOn() {
        Node web = reported("web-1", NodeStatus.HEALTHY);
        Node db = reported("db-1", NodeStatus.DEGRADED);
        reported("gone-1", NodeStatus.UNREACHABLE);
        stored("never-reported", NodeStatus.HEALTHY, Optional.empty());
        EvaluationWarmUp warmUp = warmUp();
        Runnable evaluation = warmUp.guarding(rounds::incrementAndGet);

        evaluation.run();
        fleet.live.retainPipelines(web.id(), Set.of());
        fleet.live.retainPipelines(db.id(), Set.of());
        evaluation.run();
        assertThat(rounds).as("one heartbeat each: no rate yet").hasValue(0);

        fleet.live.retainPipelines(web.id(), Set.of());
        evaluation.run();
        assertThat(rounds).as("db-1 heard only once").hasValue(0);
        fleet.live.retainPipelines(db.id(), Set.of());
        evaluation.run();
        assertThat(rounds).as("both heard twice; the unreachable and the never-reported node are not waited for").hasValue(1);

        fleet.live.forget(web.id());
        evaluation.run();
        assertThat(rounds).as("once complete, it stays so").hasValue(2);
    }

    @Test
    void givenANodeThatDoesNotReportAgain_rulesRunAtTheUnreachableTimeoutPlusTwoPollIntervals() {
        reported("silent-1", NodeStatus.HEALTHY);
        EvaluationWarmUp warmUp = warmUp();

        fleet.clock.advance(Duration.ofSeconds(74));
        assertThat(warmUp.complete()).isFalse();
        fleet.clock.advance(Duration.ofSeconds(1));
        assertThat(warmUp.complete()).as("45 s + 2 × 15 s after the start").isTrue();
    }
}
