package dev.vectorflow.ports.service.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.FleetFakes.EnrolledNode;
import dev.vectorflow.ports.fake.InMemoryTelemetryRepository;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.persistence.Transactions;
import dev.vectorflow.ports.service.heartbeat.HeartbeatWrites;
import dev.vectorflow.ports.service.heartbeat.OneShotSettlement;
import dev.vectorflow.ports.service.heartbeat.ReceiveHeartbeatService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FleetJobsTest {

    private final FleetFakes fleet = new FleetFakes();
    private final AtomicInteger units = new AtomicInteger();
    private final Transactions counted = new Transactions() {
        @Override
        public <T, E extends Exception> T inTransaction(UnitOfWork<T, E> work) throws E {
            units.incrementAndGet();
            return fleet.transactions.inTransaction(work);
        }
    };

    private final HeartbeatWrites writes = new HeartbeatWrites(fleet.writer, fleet.clock);
    private final ReceiveHeartbeatService heartbeats = new ReceiveHeartbeatService(fleet.nodeDirectory, fleet.desiredStates,
            new OneShotSettlement(fleet.transactions, fleet.actions, fleet.cache, fleet.clock), writes, fleet.live, fleet.settings, fleet.clock);

    private FleetJobs jobs() {
        return new FleetJobs(counted, fleet.nodes, new InMemoryTelemetryRepository(fleet.nodes, fleet.actions), fleet.settings,
                writes::refusedSince, fleet.clock);
    }

    private NodeStatus status(NodeId node) {
        return fleet.transactions.inTransaction(() -> fleet.nodes.findById(node)).orElseThrow().status();
    }

    @Test
    void nodesSilentSinceBeforeTheServerStarted_areJudgedOnlyOnceItHasListenedForTheWholeThreshold() {
        EnrolledNode quiet = fleet.enroll("quiet", Labels.NONE); // last heard at T0
        fleet.clock.advance(Duration.ofMinutes(10)); // the server was down meanwhile
        FleetJobs jobs = jobs();
        Duration threshold = fleet.settings.unreachableAfter();

        fleet.clock.advance(threshold.minusSeconds(1));
        List<StatusTransition> early = jobs.sweepStatus();
        fleet.clock.advance(Duration.ofSeconds(1));
        List<StatusTransition> due = jobs.sweepStatus();

        assertThat(early).as("silent for 10 minutes, but this server listened for less than %s", threshold).isEmpty();
        assertThat(due).extracting(StatusTransition::nodeId).containsExactly(quiet.id());
        assertThat(status(quiet.id())).isEqualTo(NodeStatus.UNREACHABLE);
    }

    @Test
    void whileThisServerTurnsHeartbeatsAway_noNodeIsJudged_untilTheQueueHadRoomForTheWholeThreshold() {
        FleetJobs jobs = jobs();
        EnrolledNode quiet = fleet.enroll("quiet", Labels.NONE);
        Duration threshold = fleet.settings.unreachableAfter();
        fleet.clock.advance(threshold.plusSeconds(10));
        fleet.writer.full(true);
        assertThat(heartbeats.busy()).as("a heartbeat turned away").isPresent();
        fleet.writer.full(false);

        List<StatusTransition> whileRefusing = jobs.sweepStatus();
        fleet.clock.advance(threshold);
        List<StatusTransition> stillWithin = jobs.sweepStatus();
        fleet.clock.advance(Duration.ofSeconds(1));
        List<StatusTransition> after = jobs.sweepStatus();

        assertThat(whileRefusing).isEmpty();
        assertThat(stillWithin).as("the refusal is %s ago: within the silence judged", threshold).isEmpty();
        assertThat(after).extracting(StatusTransition::nodeId).containsExactly(quiet.id());
    }

    @Test
    void aSweepMarksAWholeSilentFleet_inBatchesOfItsOwnTransactions() {
        FleetJobs jobs = jobs();
        List<NodeId> silent = new ArrayList<>();
        for (int i = 0; i < FleetJobs.SWEEP_BATCH * 2 + 1; i++) {
            silent.add(fleet.enroll("node-" + i, Labels.NONE).id());
        }
        fleet.clock.advance(fleet.settings.unreachableAfter().plusSeconds(1));
        EnrolledNode heard = fleet.enroll("heard", Labels.NONE);
        units.set(0);

        List<StatusTransition> made = jobs.sweepStatus();

        assertThat(made).hasSize(silent.size()).extracting(StatusTransition::nodeId).doesNotContain(heard.id());
        assertThat(units.get()).as("one transaction per batch of %d", FleetJobs.SWEEP_BATCH).isEqualTo(3);
        assertThat(status(silent.getLast())).isEqualTo(NodeStatus.UNREACHABLE);
        assertThat(status(heard.id())).isEqualTo(NodeStatus.HEALTHY);
        assertThat(jobs.sweepStatus()).as("nothing left").isEmpty();
    }
}
