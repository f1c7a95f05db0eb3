package dev.vectorflow.adapter.postgres.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.HeartbeatWriterContract;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.VersionChange;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.LogLine;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.NodeFacts;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.PipelineState;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat writer on a real PostgreSQL: the port's contract, and what only a database writer does: a row PostgreSQL
 * refuses costs only its own heartbeat (reported as dropped), and closing writes what is queued.
 */
class PostgresHeartbeatWriterTest extends HeartbeatWriterContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }

    private PostgresHeartbeatWriter newPostgresWriter(int capacity) {
        return (PostgresHeartbeatWriter) newWriter(capacity);
    }

    @Test
    void aRowPostgresRefuses_dropsOnlyItsOwnHeartbeat_theOthersOfTheFlushAreWritten_andTheDropIsReported() {
        Node bad = newNode(newEnvironment(), "bad");
        Node good = newNode(newEnvironment(), "good");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        PostgresHeartbeatWriter writer = newPostgresWriter(3);
        List<Set<dev.vectorflow.core.fleet.NodeId>> reported = new CopyOnWriteArrayList<>();
        writer.whenDropped(reported::add);
        PipelineState running = new PipelineState(pipeline, 2, "c".repeat(64), PipelineRunStatus.RUNNING, 42L, Optional.of(T0), "");
        // a NUL in text is the classic: PostgreSQL refuses it, and before it failed the whole flush
        assertThat(writer.offer(new HeartbeatWrite(bad.id(), T0, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(running),
                Optional.empty(), List.of(new LogLine(pipeline, T0, "nul \u0000 here")), List.of(), List.of(), Optional.empty()))).isTrue();
        assertThat(writer.offer(new HeartbeatWrite(good.id(), T0, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(running),
                Optional.empty(), List.of(new LogLine(pipeline, T0, "fine")), List.of(), List.of(), Optional.empty()))).isTrue();
        writer.flush();

        assertThat(inTransaction(() -> store().telemetry().pipelineStates(good.id()))).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(PipelineRunStatus.RUNNING.name()));
        assertThat(inTransaction(() -> store().telemetry().logs(good.id(), Optional.empty(), 0, 10))).extracting(StoredLogLine::line)
                .containsExactly("fine");
        assertThat(inTransaction(() -> store().telemetry().pipelineStates(bad.id()))).isEmpty();
        assertThat(reported).containsExactly(Set.of(bad.id()));
        assertThat(writer.stats().failed()).isEqualTo(1);
        assertThat(writer.stats().written()).isEqualTo(1);
    }

    @Test
    void closing_writesWhatIsQueued_andAClosedWriterTakesNothing() {
        Node node = newNode(newEnvironment(), "closing");
        PostgresHeartbeatWriter writer = newPostgresWriter(3);
        for (int i = 0; i < 3; i++) {
            assertThat(writer.offer(heartbeat(node.id(), T0.plusSeconds(i + 1), NodeStatus.HEALTHY, "heartbeat"))).isTrue();
        }

        writer.close();

        assertThat(inTransaction(() -> nodeStore().findById(node.id())).orElseThrow().lastHeartbeatAt()).contains(T0.plusSeconds(3));
        assertThat(writer.offer(heartbeat(node.id(), T0.plusSeconds(4), NodeStatus.HEALTHY, "heartbeat"))).as("a closed writer takes nothing")
                .isFalse();
    }

    @Test
    void givenOneFlushWithTwoHeartbeatsOfANodeAndAnEmptyReportedSet_whenWritten_thenTheLaterStateWins_andTheEmptySetClearsItsNode() {
        Node twice = newNode(newEnvironment(), "twice");
        Node emptied = newNode(newEnvironment(), "emptied");
        PipelineId kept = new PipelineId(UUID.randomUUID());
        PipelineId dropped = new PipelineId(UUID.randomUUID());
        java.time.Instant since = T0.plusNanos(123_456_000);
        PostgresHeartbeatWriter writer = newPostgresWriter(10);
        writer.offer(new HeartbeatWrite(emptied.id(), T0, NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                List.of(new PipelineState(kept, 1, "a", PipelineRunStatus.RUNNING, 7L, Optional.of(since), "")),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));
        writer.flush();

        writer.offer(new HeartbeatWrite(twice.id(), T0, NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                List.of(new PipelineState(kept, 1, "a", PipelineRunStatus.STARTING, null, Optional.empty(), ""),
                        new PipelineState(dropped, 1, "b", PipelineRunStatus.RUNNING, 8L, Optional.of(since), "")),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));
        writer.offer(new HeartbeatWrite(twice.id(), T0.plusSeconds(15), NodeStatus.DEGRADED, "heartbeat", Optional.empty(),
                List.of(new PipelineState(kept, 2, "c", PipelineRunStatus.RUNNING, 9L, Optional.of(since), "late")),
                Optional.of(Set.of(kept)), List.of(), List.of(), List.of(), Optional.empty()));
        writer.offer(new HeartbeatWrite(emptied.id(), T0.plusSeconds(15), NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(),
                Optional.of(Set.of()), List.of(), List.of(), List.of(), Optional.empty()));
        writer.flush();

        assertThat(inTransaction(() -> store().telemetry().pipelineStates(twice.id()))).containsExactly(
                new StoredPipelineState(twice.id(), kept, 2, "c", "RUNNING", 9L, Optional.of(since), "late", T0.plusSeconds(15)));
        assertThat(inTransaction(() -> store().telemetry().pipelineStates(emptied.id()))).isEmpty();
        assertThat(writer.stats().failed()).isZero();
    }

    @Test
    void givenOneFlushWithFactsOfNodesOnceAndOfANodeTwice_whenWritten_thenEveryNodeCarriesItsLastFacts_andEachVersionChangeJoinsTheHistory() {
        Node once = newNode(newEnvironment(), "facts-once");
        Node same = newNode(newEnvironment(), "facts-same");
        Node twice = newNode(newEnvironment(), "facts-twice");
        PostgresHeartbeatWriter writer = newPostgresWriter(10);
        writer.offer(withFacts(once, T0.plusSeconds(5), new NodeFacts("1.1.0", "0.57.1", "DOCKER", Labels.of(Map.of("zone", "eu")), "")));
        writer.offer(withFacts(same, T0.plusSeconds(5), new NodeFacts("1.0.0", "0.58.0", "STANDALONE", Labels.NONE, "no space")));
        writer.offer(withFacts(twice, T0.plusSeconds(5), new NodeFacts("1.1.0", "0.57.1", "DOCKER", Labels.NONE, "")));
        writer.offer(withFacts(twice, T0.plusSeconds(20), new NodeFacts("1.2.0", "0.57.1", "DOCKER", Labels.of(Map.of("a", "b")), "")));
        writer.flush();

        assertThat(writer.stats().failed()).isZero();
        Node onceAfter = inTransaction(() -> nodeStore().findById(once.id())).orElseThrow();
        assertThat(onceAfter.agentVersion()).isEqualTo("1.1.0");
        assertThat(onceAfter.agentLabels()).isEqualTo(Labels.of(Map.of("zone", "eu")));
        Node sameAfter = inTransaction(() -> nodeStore().findById(same.id())).orElseThrow();
        assertThat(sameAfter.vectorVersion()).isEqualTo("0.58.0");
        assertThat(sameAfter.deploymentMode()).isEqualTo("STANDALONE");
        assertThat(inTransaction(() -> nodeStore().findById(twice.id())).orElseThrow().agentLabels()).isEqualTo(Labels.of(Map.of("a", "b")));
        assertThat(inTransaction(() -> store().fleetOverview().agentVersions(once.id(), 10)))
                .containsExactly(new VersionChange("1.1.0", Optional.of("1.0.0"), T0.plusSeconds(5)), new VersionChange("1.0.0", Optional.empty(), T0));
        assertThat(inTransaction(() -> store().fleetOverview().agentVersions(same.id(), 10)))
                .containsExactly(new VersionChange("1.0.0", Optional.empty(), T0));
        assertThat(inTransaction(() -> store().fleetOverview().agentVersions(twice.id(), 10))).containsExactly(
                new VersionChange("1.2.0", Optional.of("1.1.0"), T0.plusSeconds(20)), new VersionChange("1.1.0", Optional.of("1.0.0"), T0.plusSeconds(5)),
                new VersionChange("1.0.0", Optional.empty(), T0));
    }

    @Test
    void givenFactsEqualToTheStoredOnes_whenWritten_thenTheNodeRowIsNotUpdated_whileChangedFactsAre() throws Exception {
        Node once = newNode(newEnvironment(), "facts-unchanged");
        Node twice = newNode(newEnvironment(), "facts-unchanged-twice");
        Node changed = newNode(newEnvironment(), "facts-changed");
        NodeFacts stored = new NodeFacts(once.agentVersion(), once.vectorVersion(), once.deploymentMode(), once.agentLabels(), once.updateError());
        try (Connection c = PostgresFleetContractStore.shared().connect(); Statement s = c.createStatement()) {
            // counts the updates that set a fact (the last-seen update of the same flush sets none of these columns)
            s.execute("create table if not exists facts_updates (node_id uuid)");
            s.execute("""
                    create or replace function facts_updated() returns trigger language plpgsql as $$
                    begin insert into facts_updates values (new.id); return new; end $$""");
            s.execute("drop trigger if exists facts_updated on nodes");
            s.execute("create trigger facts_updated before update of agent_version, vector_version, deployment_mode, agent_labels, update_error"
                    + " on nodes for each row execute function facts_updated()");
            try {
                PostgresHeartbeatWriter writer = newPostgresWriter(10);
                writer.offer(withFacts(once, T0.plusSeconds(5), stored));
                writer.offer(withFacts(twice, T0.plusSeconds(5), stored)); // two in one flush: the ordered statement
                writer.offer(withFacts(twice, T0.plusSeconds(20), stored));
                writer.offer(withFacts(changed, T0.plusSeconds(5), new NodeFacts("1.0.0", "0.58.0", "STANDALONE", Labels.NONE, "")));
                writer.flush();

                assertThat(writer.stats().failed()).isZero();
                try (ResultSet r = s.executeQuery("select node_id from facts_updates")) {
                    List<UUID> updated = new java.util.ArrayList<>();
                    while (r.next()) {
                        updated.add(r.getObject(1, UUID.class));
                    }
                    assertThat(updated).containsExactly(changed.id().value());
                }
                assertThat(inTransaction(() -> nodeStore().findById(changed.id())).orElseThrow().vectorVersion()).isEqualTo("0.58.0");
                assertThat(inTransaction(() -> nodeStore().findById(twice.id())).orElseThrow().lastHeartbeatAt()).contains(T0.plusSeconds(20));
            } finally {
                s.execute("drop trigger facts_updated on nodes");
                s.execute("drop table facts_updates");
            }
        }
    }

    @Test
    void givenAPipelineStateEqualToTheStoredOne_whenWrittenAgain_thenItsRowIsNotEvenLocked() throws Exception {
        Node node = newNode(newEnvironment(), "state-not-locked");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        PostgresHeartbeatWriter writer = newPostgresWriter(10);
        for (int i = 0; i < 2; i++) { // the second, 1 s apart in its start time, is the same run
            writer.offer(new HeartbeatWrite(node.id(), T0.plusSeconds(15L * i), NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                    List.of(new PipelineState(pipeline, 1, "a", PipelineRunStatus.RUNNING, 7L, Optional.of(T0.plusSeconds(i)), "")),
                    Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));
            writer.flush();
        }

        try (Connection c = PostgresFleetContractStore.shared().connect();
             java.sql.PreparedStatement s = c.prepareStatement("select xmax::text from node_pipeline_states where node_id = ?")) {
            s.setObject(1, node.id().value());
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                // an upsert whose update a condition turns down still locks the row: a locker's id in xmax, a heap write
                assertThat(r.getString(1)).as("xmax of the row: no transaction locked or updated it").isEqualTo("0");
            }
        }
    }

    @Test
    void theListsLastSeenCopyMovesInStepsOfThirtySeconds_whileTheNodesLastHeartbeatIsExact() throws Exception {
        Node node = newNode(newEnvironment(), "seen-in-steps"); // enrolled with its last heartbeat at T0
        PostgresHeartbeatWriter writer = newPostgresWriter(10);
        List<java.time.Instant> copies = new java.util.ArrayList<>();
        for (int seconds : new int[] {20, 30, 31, 45, 62}) {
            writer.offer(heartbeat(node.id(), T0.plusSeconds(seconds), NodeStatus.HEALTHY, "heartbeat"));
            writer.flush();
            assertThat(inTransaction(() -> nodeStore().findById(node.id())).orElseThrow().lastHeartbeatAt()).contains(T0.plusSeconds(seconds));
            try (Connection c = PostgresFleetContractStore.shared().connect();
                 java.sql.PreparedStatement s = c.prepareStatement("select seen_at from node_last_seen where node_id = ?")) {
                s.setObject(1, node.id().value());
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    copies.add(r.getObject(1, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }

        assertThat(copies).as("moved only when 30 s or more behind").containsExactly(T0, T0, T0.plusSeconds(31), T0.plusSeconds(31),
                T0.plusSeconds(62));
    }

    private static HeartbeatWrite withFacts(Node node, java.time.Instant at, NodeFacts facts) {
        return new HeartbeatWrite(node.id(), at, NodeStatus.HEALTHY, "heartbeat", Optional.of(facts), List.of(), Optional.empty(), List.of(),
                List.of(), List.of(), Optional.empty());
    }
}
