package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.VersionChange;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.ActionSettlement;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.LogLine;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.NodeFacts;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWriter;
import dev.vectorflow.ports.out.node.NodeListing;
import dev.vectorflow.ports.out.node.NodeActionRepository.StoredAction;
import dev.vectorflow.ports.out.node.NodeRepository.StatusTransition;
import dev.vectorflow.ports.out.telemetry.EventSample;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredLogLine;
import dev.vectorflow.ports.out.telemetry.TelemetryRepository.StoredPipelineState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HeartbeatWriter} must do: a bounded queue that refuses when full, and flushes that store what the
 * heartbeats say where the other ports read it (nodes, actions, telemetry). Run against the recording fake writing into the
 * in-memory store and against PostgreSQL.
 */
public abstract class HeartbeatWriterContract extends TelemetryStoreContract {

    private <T> T read(java.util.function.Supplier<T> query) {
        return inTransaction(query);
    }

    private Node stored(NodeId id) {
        return read(() -> nodeStore().findById(id)).orElseThrow();
    }

    @Test
    void givenAQueueOfThree_whenAFourthHeartbeatIsOffered_thenItIsRefused_andAFlushWritesTheThreeAndEmptiesTheQueue() {
        Node node = newNode(newEnvironment(), "queue-1");
        HeartbeatWriter writer = newWriter(3);
        for (int i = 1; i <= 3; i++) {
            assertThat(writer.offer(heartbeat(node.id(), T0.plusSeconds(i), NodeStatus.HEALTHY, "heartbeat " + i))).isTrue();
        }

        assertThat(writer.offer(heartbeat(node.id(), T0.plusSeconds(4), NodeStatus.HEALTHY, "heartbeat 4"))).isFalse();
        assertThat(writer.full()).as("refusing, so a heartbeat can be turned away before it is read").isTrue();
        assertThat(writer.queued()).isEqualTo(3);
        assertThat(stored(node.id()).lastHeartbeatAt()).as("nothing is written before a flush").contains(T0);

        writer.flush();
        assertThat(writer.queued()).isZero();
        assertThat(writer.full()).as("room again after the flush").isFalse();
        assertThat(stored(node.id()).lastHeartbeatAt()).contains(T0.plusSeconds(3));
        assertThat(stored(node.id()).statusReason()).isEqualTo("heartbeat 3");
        assertThat(writer.offer(heartbeat(node.id(), T0.plusSeconds(5), NodeStatus.HEALTHY, "heartbeat 5"))).as("room again").isTrue();
    }

    @Test
    void givenAPipelineStateEqualToTheStoredOne_whenWrittenAgain_thenItsRowKeepsTheTimeItLastChanged() {
        Node node = newNode(newEnvironment(), "state-unchanged");
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        Instant since = T0.plusSeconds(10);
        HeartbeatWriter writer = newWriter(10);
        // separate flushes, as the rewrite after a restart or every few minutes comes; the start time, derived from an
        // uptime in whole seconds, jitters from one report to the next
        long[] jitter = {0, 1, -1, 5};
        for (int i = 0; i < jitter.length; i++) {
            writer.offer(new HeartbeatWrite(node.id(), T0.plusSeconds(15L * i), NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                    List.of(new HeartbeatWrite.PipelineState(pipeline, 1, "a", PipelineRunStatus.RUNNING, 7L, Optional.of(since.plusSeconds(jitter[i])),
                            "")), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));
            writer.flush();
        }
        List<StoredPipelineState> unchanged = inTransaction(() -> store().telemetry().pipelineStates(node.id()));
        writer.offer(new HeartbeatWrite(node.id(), T0.plusSeconds(60), NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                List.of(new HeartbeatWrite.PipelineState(pipeline, 1, "a", PipelineRunStatus.RUNNING, 7L, Optional.of(since.plusSeconds(6)), "")),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));
        writer.flush();
        List<StoredPipelineState> restartedAlike = inTransaction(() -> store().telemetry().pipelineStates(node.id()));
        writer.offer(new HeartbeatWrite(node.id(), T0.plusSeconds(75), NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                List.of(new HeartbeatWrite.PipelineState(pipeline, 1, "a", PipelineRunStatus.RUNNING, 8L, Optional.of(T0.plusSeconds(70)), "")),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));
        writer.flush();

        assertThat(unchanged).containsExactly(new StoredPipelineState(node.id(), pipeline, 1, "a", "RUNNING", 7L, Optional.of(since), "", T0));
        assertThat(restartedAlike).as("a start time further off than the jitter is another run").containsExactly(
                new StoredPipelineState(node.id(), pipeline, 1, "a", "RUNNING", 7L, Optional.of(since.plusSeconds(6)), "", T0.plusSeconds(60)));
        assertThat(inTransaction(() -> store().telemetry().pipelineStates(node.id()))).containsExactly(
                new StoredPipelineState(node.id(), pipeline, 1, "a", "RUNNING", 8L, Optional.of(T0.plusSeconds(70)), "", T0.plusSeconds(75)));
    }

    @Test
    void givenHeartbeatsWithOtherStatuses_whenWritten_thenStatusFollowsTheLatest_eachChangeIsATransition_andALateOneMovesNothingBack() {
        Node node = newNode(newEnvironment(), "status-1");

        write(heartbeat(node.id(), T0.plusSeconds(15), NodeStatus.DEGRADED, "logs is FAILED"));
        write(heartbeat(node.id(), T0.plusSeconds(30), NodeStatus.HEALTHY, "heartbeat"));
        write(heartbeat(node.id(), T0.plusSeconds(20), NodeStatus.HEALTHY, "late"));

        Node after = stored(node.id());
        assertThat(after.lastHeartbeatAt()).contains(T0.plusSeconds(30));
        assertThat(after.status()).isEqualTo(NodeStatus.HEALTHY);
        assertThat(after.statusReason()).isEqualTo("heartbeat");
        assertThat(read(() -> nodeStore().transitions(node.id(), 10))).extracting(StatusTransition::from, StatusTransition::to,
                        StatusTransition::reason)
                .containsExactly(tuple(NodeStatus.DEGRADED, NodeStatus.HEALTHY, "heartbeat"),
                        tuple(NodeStatus.HEALTHY, NodeStatus.DEGRADED, "logs is FAILED"));
    }

    @Test
    void givenFacts_whenWritten_thenTheNodeCarriesThem_andANewAgentVersionJoinsItsHistory() {
        Node node = newNode(newEnvironment(), "facts-1");
        NodeFacts facts = new NodeFacts("1.1.0", "0.57.1", "DOCKER", Labels.of(Map.of("zone", "eu")), "");

        write(new HeartbeatWrite(node.id(), T0.plusSeconds(10), NodeStatus.HEALTHY, "heartbeat", Optional.of(facts), List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));

        Node after = stored(node.id());
        assertThat(after.agentVersion()).isEqualTo("1.1.0");
        assertThat(after.vectorVersion()).isEqualTo("0.57.1");
        assertThat(after.deploymentMode()).isEqualTo("DOCKER");
        assertThat(after.agentLabels()).isEqualTo(Labels.of(Map.of("zone", "eu")));
        assertThat(read(() -> store().fleetOverview().agentVersions(node.id(), 10)))
                .containsExactly(new VersionChange("1.1.0", Optional.of("1.0.0"), T0.plusSeconds(10)),
                        new VersionChange("1.0.0", Optional.empty(), T0));
    }

    @Test
    void givenPipelineStates_whenWrittenAgain_thenTheyAreReplaced_andTheReportedSetRemovesTheOthers() {
        Node node = newNode(newEnvironment(), "states-1");
        PipelineId kept = anyPipeline();
        PipelineId dropped = anyPipeline();
        PipelineId untouched = anyPipeline();
        write(withStates(node.id(), T0, List.of(state(kept, 1, PipelineRunStatus.RUNNING, ""), state(dropped, 1, PipelineRunStatus.RUNNING, ""),
                state(untouched, 1, PipelineRunStatus.RUNNING, "")), Optional.empty()));

        write(withStates(node.id(), T0.plusSeconds(15), List.of(state(kept, 2, PipelineRunStatus.FAILED, "refused")), Optional.empty()));
        assertThat(read(() -> store().telemetry().pipelineStates(node.id()))).hasSize(3);
        write(withStates(node.id(), T0.plusSeconds(30), List.of(), Optional.of(Set.of(kept, untouched))));

        Map<PipelineId, StoredPipelineState> states = read(() -> store().telemetry().pipelineStates(node.id())).stream()
                .collect(Collectors.toMap(StoredPipelineState::pipelineId, Function.identity()));
        assertThat(states).containsOnlyKeys(kept, untouched);
        assertThat(states.get(kept)).isEqualTo(new StoredPipelineState(node.id(), kept, 2, "2".repeat(64), "FAILED", null, Optional.empty(),
                "refused", T0.plusSeconds(15)));
        assertThat(states.get(untouched).runningSince()).contains(T0);
        assertThat(states.get(untouched).pid()).isEqualTo(4242L);
    }

    @Test
    void givenLogLinesOverSeveralHeartbeats_whenWritten_thenTheyAreStoredInTheOrderTheyArrived() {
        Node node = newNode(newEnvironment(), "logs-1");
        PipelineId pipeline = anyPipeline();

        write(withLogs(node.id(), T0, new LogLine(pipeline, T0, "first"), new LogLine(pipeline, T0, "second")),
                withLogs(node.id(), T0.plusSeconds(1), new LogLine(pipeline, T0.plusSeconds(1), "third")));

        List<StoredLogLine> lines = read(() -> store().telemetry().logs(node.id(), Optional.of(pipeline), 0, 10));
        assertThat(lines).extracting(StoredLogLine::line).containsExactly("first", "second", "third");
        assertThat(lines).extracting(StoredLogLine::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void givenSampleResults_whenWritten_thenTheyAreStored_andSettleTheSampleRequest() {
        Node node = newNode(newEnvironment(), "samples-1");
        String request = "request-" + UUID.randomUUID().toString().substring(0, 8);
        inTransaction(() -> store().nodeActions().insert(node.id(), new OneShotAction.Sample("sample-" + request, request, anyPipeline(),
                List.of("in"), 5), T0, "test"));
        EventSample result = new EventSample(request, "in", List.of(Map.of("message", "hi")),
                List.of(new EventSample.SampleField(".message", "string", "hi")), null);

        write(new HeartbeatWrite(node.id(), T0.plusSeconds(5), NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(),
                List.of(), List.of(result), List.of(), Optional.empty()));

        assertThat(read(() -> store().telemetry().sampleResults(request))).containsExactly(result);
        assertThat(read(() -> store().nodeActions().pending(node.id()))).isEmpty();
        assertThat(read(() -> store().nodeActions().recent(node.id(), 10))).singleElement().satisfies(a -> {
            assertThat(a.resultStatus()).contains("SUCCEEDED");
            assertThat(a.resultMessage()).isEqualTo("samples received");
            assertThat(a.settledAt()).contains(T0.plusSeconds(5));
        });
    }

    @Test
    void givenActionResults_whenWritten_thenTheirActionsAreSettled_andAnUpdateIsSettledByTheVersionTheAgentRuns() {
        Node node = newNode(newEnvironment(), "actions-1");
        inTransaction(() -> {
            store().nodeActions().insert(node.id(), new OneShotAction.Restart("restart-" + node.id(), anyPipeline()), T0, "test");
            store().nodeActions().insert(node.id(), new OneShotAction.Update("update-" + node.id(), "1.2.0", "https://example.com/a.jar",
                    "sha256:00", "c2ln"), T0.plusSeconds(1), "test");
            store().nodeActions().insert(node.id(), new OneShotAction.Update("other-" + node.id(), "1.3.0", "https://example.com/b.jar",
                    "sha256:00", "c2ln"), T0.plusSeconds(2), "test");
        });

        write(new HeartbeatWrite(node.id(), T0.plusSeconds(30), NodeStatus.HEALTHY, "heartbeat", Optional.empty(), List.of(), Optional.empty(),
                List.of(), List.of(), List.of(new ActionSettlement("restart-" + node.id(), false, "no such pipeline")), Optional.of("1.2.0")));

        Map<String, StoredAction> byId = read(() -> store().nodeActions().recent(node.id(), 10)).stream()
                .collect(Collectors.toMap(a -> a.action().id(), a -> a));
        assertThat(byId.get("restart-" + node.id()).resultStatus()).contains("FAILED");
        assertThat(byId.get("restart-" + node.id()).resultMessage()).isEqualTo("no such pipeline");
        assertThat(byId.get("update-" + node.id()).resultStatus()).contains("SUCCEEDED");
        assertThat(byId.get("update-" + node.id()).resultMessage()).isEqualTo("agent runs 1.2.0");
        assertThat(byId.get("other-" + node.id()).settledAt()).as("an update to another version stays pending").isEmpty();
    }

    @Test
    void givenRollups_whenOfferedToAFullQueue_thenTheyAreStillTaken_andReadBackAsSeriesAfterTheFlush() {
        Node node = newNode(newEnvironment(), "rollups-1");
        PipelineId pipeline = anyPipeline();
        Instant minute = T0.minus(Duration.ofMinutes(5));
        HeartbeatWriter writer = newWriter(1);
        assertThat(writer.offer(heartbeat(node.id(), T0, NodeStatus.HEALTHY, "heartbeat"))).isTrue();

        writer.offerRollups(List.of(hostMinute(node.id(), minute, 25.0, 100L)),
                List.of(componentMinute(pipeline, "in \"quoted\"", "source", minute, 60, 60, 1, 2)));
        assertThat(read(() -> store().telemetry().hostSeries(node.id(), minute, minute.plusSeconds(60), Duration.ofMinutes(1))))
                .as("nothing is written before a flush").isEmpty();
        writer.flush();

        assertThat(read(() -> store().telemetry().hostSeries(node.id(), minute, minute.plusSeconds(60), Duration.ofMinutes(1))))
                .containsExactly(hostMinute(node.id(), minute, 25.0, 100L));
        assertThat(read(() -> store().telemetry().componentSeries(pipeline, minute, minute.plusSeconds(60), Duration.ofMinutes(1))))
                .containsExactly(componentMinute(pipeline, "in \"quoted\"", "source", minute, 60, 60, 1, 2));
    }

    @Test
    void givenAHeartbeatOfANodeNotStored_whenFlushedWithOthers_thenItWritesNothing_andTheOthersAreWritten() {
        EnvironmentId environment = newEnvironment();
        Node node = newNode(environment, "known-1");
        NodeId gone = new NodeId(UUID.randomUUID());
        PipelineId pipeline = anyPipeline();

        write(withLogs(gone, T0.plusSeconds(1), new LogLine(pipeline, T0, "from nowhere")),
                withLogs(node.id(), T0.plusSeconds(1), new LogLine(pipeline, T0, "from a node")));

        assertThat(read(() -> nodeStore().findById(gone))).isEmpty();
        assertThat(read(() -> store().telemetry().logs(gone, Optional.empty(), 0, 10))).isEmpty();
        assertThat(read(() -> store().telemetry().logs(node.id(), Optional.empty(), 0, 10))).extracting(StoredLogLine::line)
                .containsExactly("from a node");
        assertThat(stored(node.id()).lastHeartbeatAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void givenHeartbeats_whenWritten_thenTheNodeListSortsByTheirTimes_andFiltersAndSortsByTheFactsTheyReport() {
        EnvironmentId environment = newEnvironment();
        Node early = newNode(environment, "list-early");
        Node late = newNode(environment, "list-late");
        Node never = new Node(new NodeId(UUID.randomUUID()), environment, "list-never", "linux/amd64", "1.0.0", "0.57.0", "STANDALONE",
                Labels.NONE, Labels.NONE, false, NodeStatus.HEALTHY, "enrolled", T0, Optional.empty(), false, "");
        inTransaction(() -> nodeStore().insert(never, lookup(), hash("list-never")));
        NodeFacts facts = new NodeFacts("1.10.0", "0.57.1", "STANDALONE", Labels.of(Map.of("tier", "gold")), "");

        write(new HeartbeatWrite(late.id(), T0.plusSeconds(90), NodeStatus.HEALTHY, "heartbeat", Optional.of(facts), List.of(),
                        Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()),
                heartbeat(early.id(), T0.plusSeconds(30), NodeStatus.HEALTHY, "heartbeat"));
        inTransaction(() -> nodeStore().markUnreachable(T0.plusSeconds(60), T0.plusSeconds(120), "silent", 1000)); // a write that is no heartbeat
        Function<NodeListing.Request, List<NodeId>> list = request -> read(() -> nodeStore().page(environment, request)).nodes().stream()
                .map(Node::id).toList();

        assertThat(list.apply(new NodeListing.Request(NodeListing.Filter.ALL, NodeListing.Sort.LAST_SEEN, true, Optional.empty(), 10)))
                .as("last seen, newest first").containsExactly(late.id(), early.id(), never.id());
        assertThat(list.apply(new NodeListing.Request(new NodeListing.Filter(Optional.empty(), NodeSelector.of(Map.of("tier", "gold")),
                Optional.empty()), NodeListing.Sort.NAME, false, Optional.empty(), 10))).containsExactly(late.id());
        assertThat(list.apply(new NodeListing.Request(NodeListing.Filter.ALL, NodeListing.Sort.AGENT_VERSION, true, Optional.empty(), 1)))
                .as("1.10.0 is the newest version").containsExactly(late.id());
        NodeListing.Page first = read(() -> nodeStore().page(environment, new NodeListing.Request(NodeListing.Filter.ALL,
                NodeListing.Sort.LAST_SEEN, false, Optional.empty(), 1)));
        assertThat(first.nodes()).extracting(Node::id).containsExactly(never.id());
        assertThat(list.apply(new NodeListing.Request(NodeListing.Filter.ALL, NodeListing.Sort.LAST_SEEN, false, first.next(), 10)))
                .containsExactly(early.id(), late.id());
    }
}
