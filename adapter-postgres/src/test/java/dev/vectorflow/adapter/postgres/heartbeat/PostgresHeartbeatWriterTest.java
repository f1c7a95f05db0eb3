package dev.vectorflow.adapter.postgres.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vectorflow.adapter.postgres.PostgresStore;
import dev.vectorflow.adapter.postgres.TestDatabases;
import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.environment.EnvironmentName;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.identity.Team;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.TeamName;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.ActionSettlement;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.LogLine;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.NodeFacts;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.PipelineState;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.telemetry.ComponentMinute;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.HostMinute;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat writer on a real PostgreSQL: what one node sends wrong never costs another node its heartbeat, and each named
 * writer of a flush stores its part.
 */
class PostgresHeartbeatWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static PostgresStore store;
    private static EnvironmentId environment;
    private PostgresHeartbeatWriter writer;

    @BeforeAll
    static void openStore() {
        store = TestDatabases.freshStore();
        Team team = new Team(new TeamId(UUID.randomUUID()), new TeamName("writers"), NOW, NOW);
        Environment env = new Environment(new EnvironmentId(UUID.randomUUID()), team.id(), new EnvironmentName("prod"), "", NOW, NOW);
        store.transactions().inTransaction(() -> {
            store.teams().insert(team);
            store.environments().insert(env);
            return null;
        });
        environment = env.id();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @BeforeEach
    void openWriter() {
        writer = store.telemetryWriter(3, 60_000);
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    private static NodeId node(String hostname) {
        NodeId id = new NodeId(UUID.randomUUID());
        Node node = new Node(id, environment, hostname, "linux", "1.0.0", "0.57.0", "STANDALONE", Labels.NONE, Labels.NONE, false,
                NodeStatus.HEALTHY, "enrolled", NOW, Optional.empty(), false, "");
        store.transactions().inTransaction(() -> {
            store.nodes().insert(node, id.toString().replace("-", "").substring(0, 16), "0".repeat(64));
            return null;
        });
        return id;
    }

    private static <T> T read(Supplier<T> query) {
        return store.transactions().inTransaction(query::get);
    }

    private static HeartbeatWrite heartbeat(NodeId node, Instant at, NodeStatus status, String reason) {
        return new HeartbeatWrite(node, at, status, reason, Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty());
    }

    private void write(HeartbeatWrite... heartbeats) {
        for (HeartbeatWrite h : heartbeats) {
            assertThat(writer.offer(h)).isTrue();
        }
        writer.flush();
    }

    @Test
    void aRowPostgresRefuses_dropsOnlyItsOwnHeartbeat_theOthersOfTheFlushAreWritten_andTheDropIsReported() {
        NodeId bad = node("bad");
        NodeId good = node("good");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        List<Set<NodeId>> reported = new CopyOnWriteArrayList<>();
        writer.whenDropped(reported::add);
        PipelineState running = new PipelineState(pipeline, 2, "c".repeat(64), PipelineRunStatus.RUNNING, 42L, Optional.of(NOW), "");
        // a NUL in text is the classic: PostgreSQL refuses it, and before it failed the whole flush
        write(new HeartbeatWrite(bad, NOW, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(running), Optional.empty(),
                        List.of(new LogLine(pipeline, NOW, "nul \u0000 here")), List.of(), List.of(), Optional.empty()),
                new HeartbeatWrite(good, NOW, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(running), Optional.empty(),
                        List.of(new LogLine(pipeline, NOW, "fine")), List.of(), List.of(), Optional.empty()));

        assertThat(read(() -> store.telemetry().pipelineStates(good))).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(PipelineRunStatus.RUNNING.name()));
        assertThat(read(() -> store.telemetry().logs(good, Optional.empty(), 0, 10))).extracting(StoredLogLine::line).containsExactly("fine");
        assertThat(read(() -> store.telemetry().pipelineStates(bad))).isEmpty();
        assertThat(reported).containsExactly(Set.of(bad));
        assertThat(writer.stats().failed()).isEqualTo(1);
        assertThat(writer.stats().written()).isEqualTo(1);
    }

    @Test
    void lastSeenAndStatus_followTheLatestHeartbeat_andEachChangeOfStatusIsATransition() {
        NodeId id = node("web-1");

        write(heartbeat(id, NOW, NodeStatus.HEALTHY, "heartbeat"), heartbeat(id, NOW.plusSeconds(15), NodeStatus.DEGRADED, "logs is FAILED"));
        write(heartbeat(id, NOW.plusSeconds(30), NodeStatus.HEALTHY, "heartbeat"));
        write(heartbeat(id, NOW.plusSeconds(20), NodeStatus.HEALTHY, "heartbeat"));

        Node stored = read(() -> store.nodes().findById(id)).orElseThrow();
        assertThat(stored.lastHeartbeatAt()).as("a heartbeat that arrives late moves nothing back").contains(NOW.plusSeconds(30));
        assertThat(stored.status()).isEqualTo(NodeStatus.HEALTHY);
        assertThat(read(() -> store.nodes().transitions(id, 10))).extracting(StatusTransition::from, StatusTransition::to)
                .containsExactly(tuple(NodeStatus.DEGRADED, NodeStatus.HEALTHY),
                        tuple(NodeStatus.HEALTHY, NodeStatus.DEGRADED));
    }

    @Test
    void factsAreWrittenWhereSent_andANewAgentVersionJoinsTheNodesHistory() {
        NodeId id = node("web-2");
        NodeFacts facts = new NodeFacts("1.1.0", "0.57.1", "DOCKER", Labels.of(Map.of("zone", "eu")), "");

        write(new HeartbeatWrite(id, NOW, NodeStatus.HEALTHY, "heartbeat", Optional.of(facts), List.of(), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.empty()));

        Node stored = read(() -> store.nodes().findById(id)).orElseThrow();
        assertThat(stored.agentVersion()).isEqualTo("1.1.0");
        assertThat(stored.vectorVersion()).isEqualTo("0.57.1");
        assertThat(stored.deploymentMode()).isEqualTo("DOCKER");
        assertThat(stored.agentLabels()).isEqualTo(Labels.of(Map.of("zone", "eu")));
        assertThat(read(() -> store.fleetOverview().agentVersions(id, 10))).first()
                .satisfies(change -> assertThat(change.previousVersion()).contains("1.0.0"));
    }

    @Test
    void pipelineStatesAreUpserted_andTheReportedSetPrunesTheRest() {
        NodeId id = node("web-3");
        PipelineId kept = new PipelineId(UUID.randomUUID());
        PipelineId dropped = new PipelineId(UUID.randomUUID());
        PipelineState running = new PipelineState(kept, 1, "a".repeat(64), PipelineRunStatus.RUNNING, 42L, Optional.of(NOW), "");
        PipelineState other = new PipelineState(dropped, 1, "b".repeat(64), PipelineRunStatus.RUNNING, 43L, Optional.of(NOW), "");
        write(new HeartbeatWrite(id, NOW, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(running, other),
                Optional.of(Set.of(kept, dropped)), List.of(), List.of(), List.of(), Optional.empty()));

        PipelineState failed = new PipelineState(kept, 2, "c".repeat(64), PipelineRunStatus.FAILED, null, Optional.empty(), "refused");
        write(new HeartbeatWrite(id, NOW.plusSeconds(15), NodeStatus.DEGRADED, "x", Optional.empty(), List.of(failed), Optional.of(Set.of(kept)),
                List.of(), List.of(), List.of(), Optional.empty()));

        assertThat(read(() -> store.telemetry().pipelineStates(id))).singleElement().satisfies(s -> {
            assertThat(s.pipelineId()).isEqualTo(kept);
            assertThat(s.version()).isEqualTo(2);
            assertThat(s.status()).isEqualTo("FAILED");
            assertThat(s.error()).isEqualTo("refused");
            assertThat(s.runningSince()).isEmpty();
        });
        assertThat(read(() -> store.telemetry().pipelineStatesOf(dropped))).extracting(StoredPipelineState::nodeId).doesNotContain(id);
    }

    @Test
    void logLines_areStoredInTheOrderTheyArrived() {
        NodeId id = node("web-4");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        write(new HeartbeatWrite(id, NOW, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(),
                List.of(new LogLine(pipeline, NOW, "first"), new LogLine(pipeline, NOW, "second")), List.of(), List.of(), Optional.empty()),
                new HeartbeatWrite(id, NOW.plusSeconds(1), NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(),
                        List.of(new LogLine(pipeline, NOW.plusSeconds(1), "third")), List.of(), List.of(), Optional.empty()));

        assertThat(read(() -> store.telemetry().logs(id, Optional.of(pipeline), 0, 10))).extracting(StoredLogLine::line)
                .containsExactly("first", "second", "third");
    }

    @Test
    void sampleResults_areStored_andSettleTheirRequest() {
        NodeId id = node("web-5");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        store.transactions().inTransaction(() -> {
            store.nodeActions().insert(id, new OneShotAction.Sample("sample-1", "request-1", pipeline, List.of("in"), 5), NOW, "test");
            return null;
        });
        EventSample result = new EventSample("request-1", "in", List.of(Map.of("message", "hi")),
                List.of(new EventSample.SampleField(".message", "string", "hi")), null);

        write(new HeartbeatWrite(id, NOW, NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(), List.of(),
                List.of(result), List.of(), Optional.empty()));

        assertThat(read(() -> store.telemetry().sampleResults("request-1"))).singleElement().satisfies(s -> {
            assertThat(s.events()).containsExactly(Map.of("message", "hi"));
            assertThat(s.schema()).containsExactly(new EventSample.SampleField(".message", "string", "hi"));
        });
        assertThat(read(() -> store.nodeActions().pending(id))).isEmpty();
        assertThat(read(() -> store.nodeActions().recent(id, 10))).singleElement()
                .satisfies(a -> assertThat(a.resultMessage()).isEqualTo("samples received"));
    }

    @Test
    void actionResults_settleTheirActions_andAnUpdateIsSettledByTheVersionTheAgentRuns() {
        NodeId id = node("web-6");
        store.transactions().inTransaction(() -> {
            store.nodeActions().insert(id, new OneShotAction.Restart("restart-1", new PipelineId(UUID.randomUUID())), NOW, "test");
            store.nodeActions().insert(id, new OneShotAction.Update("update-1", "1.2.0", "https://example.com/a.jar", "sha256:00", "c2ln"),
                    NOW.plusSeconds(1), "test");
            return null;
        });

        write(new HeartbeatWrite(id, NOW.plusSeconds(30), NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(),
                List.of(), List.of(), List.of(new ActionSettlement("restart-1", false, "no such pipeline")), Optional.of("1.2.0")));

        Map<String, StoredAction> byId = read(() -> store.nodeActions().recent(id, 10)).stream()
                .collect(Collectors.toMap(a -> a.action().id(), a -> a));
        assertThat(byId.get("restart-1").resultStatus()).contains("FAILED");
        assertThat(byId.get("restart-1").resultMessage()).isEqualTo("no such pipeline");
        assertThat(byId.get("update-1").resultStatus()).contains("SUCCEEDED");
        assertThat(byId.get("update-1").resultMessage()).isEqualTo("agent runs 1.2.0");
    }

    @Test
    void finishedRollups_areCopied_andReadBackAsSeries() {
        NodeId id = node("web-7");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        Instant minute = NOW.minus(Duration.ofMinutes(5));

        writer.offerRollups(List.of(new HostMinute(id, minute, 4, 25.0, 0.5, 100L, 400L, 10L, 100L, 1.0, 2.0, 3.0, 4.0)),
                List.of(new ComponentMinute(pipeline, "in \"quoted\"", "source", minute, 60, 60, 600, 600, 1, 2)));
        writer.flush();

        assertThat(read(() -> store.telemetry().hostSeries(id, minute, minute.plusSeconds(60), Duration.ofMinutes(1)))).singleElement()
                .satisfies(h -> assertThat(h.cpuPercent()).isEqualTo(25.0));
        assertThat(read(() -> store.telemetry().componentSeries(pipeline, minute, minute.plusSeconds(60), Duration.ofMinutes(1))))
                .singleElement().satisfies(c -> {
                    assertThat(c.componentId()).isEqualTo("in \"quoted\"");
                    assertThat(c.eventsIn()).isEqualTo(60);
                    assertThat(c.discarded()).isEqualTo(2);
                });
    }

    @Test
    void aFullQueue_refusesTheHeartbeat_andClosingWritesWhatIsQueued() {
        NodeId id = node("web-8");
        for (int i = 0; i < 3; i++) {
            assertThat(writer.offer(heartbeat(id, NOW.plusSeconds(i), NodeStatus.HEALTHY, "heartbeat"))).isTrue();
        }

        assertThat(writer.offer(heartbeat(id, NOW.plusSeconds(3), NodeStatus.HEALTHY, "heartbeat"))).isFalse();
        assertThat(writer.queued()).isEqualTo(3);
        writer.close();

        assertThat(read(() -> store.nodes().findById(id)).orElseThrow().lastHeartbeatAt()).contains(NOW.plusSeconds(2));
        assertThat(writer.offer(heartbeat(id, NOW.plusSeconds(4), NodeStatus.HEALTHY, "heartbeat"))).as("a closed writer takes nothing").isFalse();
    }
}
