package dev.vectorflow.ports.service.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.NodeFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HeartbeatWritesTest {

    private static final int FLEET = 400;

    private final FleetFakes fleet = new FleetFakes();
    private final HeartbeatWrites writes = new HeartbeatWrites(fleet.writer, fleet.clock, new Random(5)::nextDouble);
    private final NodeFacts facts = new NodeFacts("1.0.0", "0.57.0", "STANDALONE", Labels.NONE, "");
    private final List<NodeId> nodes = new ArrayList<>();

    /** Every node of the fleet heartbeats now, unchanged; how many of them had their facts written again. */
    private long everyNodeHeartbeats() {
        int before = fleet.writer.offered().size();
        for (NodeId node : nodes) {
            assertThat(writes.offer(new HeartbeatWrites.Report(node, fleet.clock.instant(), NodeStatus.HEALTHY, "", facts, List.of(), Set.of(),
                    List.of(), List.of(), List.of(), Optional.empty()))).isTrue();
        }
        return fleet.writer.offered().subList(before, fleet.writer.offered().size()).stream().map(HeartbeatWrite::facts)
                .filter(Optional::isPresent).count();
    }

    @Test
    void givenAFleetWhoseFirstHeartbeatsCameTogether_itsRewritesSpreadOverTheSecondHalfOfTheInterval_andNoneWaitsLongerThanIt() {
        for (int i = 0; i < FLEET; i++) {
            nodes.add(new NodeId(new UUID(7, i)));
        }
        assertThat(everyNodeHeartbeats()).as("the first heartbeats write every node's facts").isEqualTo(FLEET);

        fleet.clock.advance(HeartbeatWrites.REWRITE_EVERY.dividedBy(2).minusSeconds(1));
        assertThat(everyNodeHeartbeats()).as("none again before half the interval").isZero();

        fleet.clock.advance(HeartbeatWrites.REWRITE_EVERY.dividedBy(4).plusSeconds(1));
        long firstHalf = everyNodeHeartbeats();
        assertThat(firstHalf).as("three quarters in, about half the fleet (with one fixed interval: none, then all together)")
                .isBetween((long) FLEET * 4 / 10, (long) FLEET * 6 / 10);

        fleet.clock.advance(HeartbeatWrites.REWRITE_EVERY.dividedBy(4));
        assertThat(everyNodeHeartbeats()).as("at the full interval, every node not yet written again").isEqualTo(FLEET - firstHalf);

        fleet.clock.advance(Duration.ofSeconds(15));
        assertThat(everyNodeHeartbeats()).as("and none twice").isZero();
    }
}
