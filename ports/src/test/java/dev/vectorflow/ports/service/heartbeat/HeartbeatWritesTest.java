package dev.vectorflow.ports.service.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.NodeFacts;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.PipelineState;
import java.time.Instant;
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

    @Test
    void aFullWriteAgain_sendsEverything_butKeepsTheObjectsItHeld_whenTheReportEqualsThem() {
        NodeId node = new NodeId(new UUID(8, 1));
        PipelineId pipeline = new PipelineId(new UUID(8, 2));
        Instant started = fleet.clock.instant().minusSeconds(60);
        PipelineState state = new PipelineState(pipeline, 3, "abc", PipelineRunStatus.RUNNING, 17L, Optional.of(started), "");
        writes.offer(report(node, facts, state));
        HeartbeatWrites.Kept before = writes.kept(node).orElseThrow();

        fleet.clock.advance(HeartbeatWrites.REWRITE_EVERY);
        // equal, not the same objects: as a new heartbeat reads them; the start time one second off, as uptimes round
        NodeFacts sameFacts = new NodeFacts("1.0.0", "0.57.0", "STANDALONE", Labels.NONE, "");
        PipelineState sameState = new PipelineState(pipeline, 3, "abc", PipelineRunStatus.RUNNING, 17L, Optional.of(started.plusSeconds(1)),
                "");
        writes.offer(report(node, sameFacts, sameState));

        HeartbeatWrite rewrite = fleet.writer.last();
        assertThat(rewrite.facts()).as("written again").contains(sameFacts);
        assertThat(rewrite.pipelineStates()).containsExactly(sameState);
        assertThat(rewrite.reportedPipelines()).contains(Set.of(pipeline));
        HeartbeatWrites.Kept after = writes.kept(node).orElseThrow();
        assertThat(after.facts()).as("the facts held before").isSameAs(before.facts());
        assertThat(after.states().get(pipeline)).as("the state held before").isSameAs(before.states().get(pipeline));
        assertThat(after.reported()).isSameAs(before.reported());

        fleet.clock.advance(Duration.ofSeconds(15));
        writes.offer(report(node, sameFacts, sameState));
        assertThat(fleet.writer.last().facts()).as("and the next heartbeat writes nothing again").isEmpty();
        assertThat(fleet.writer.last().pipelineStates()).isEmpty();
    }

    private HeartbeatWrites.Report report(NodeId node, NodeFacts nodeFacts, PipelineState state) {
        return new HeartbeatWrites.Report(node, fleet.clock.instant(), NodeStatus.HEALTHY, "", nodeFacts, List.of(state),
                Set.of(state.pipelineId()), List.of(), List.of(), List.of(), Optional.empty());
    }
}
