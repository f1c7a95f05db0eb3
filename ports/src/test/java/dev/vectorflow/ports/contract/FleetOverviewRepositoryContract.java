package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.FlowBucket;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.NodeRow;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.Page;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.PipelineRow;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.UpdateTally;
import dev.vectorflow.ports.out.fleet.FleetOverviewRepository.VersionChange;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite.ActionSettlement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What every {@link FleetOverviewRepository} must do: an environment's fleet counted and listed; run against the fakes and PostgreSQL. */
public abstract class FleetOverviewRepositoryContract extends TelemetryStoreContract {

    private FleetOverviewRepository overview() {
        return store().fleetOverview();
    }

    private <T> T read(Supplier<T> query) {
        return inTransaction(query);
    }

    @Test
    void givenNodesOfTwoEnvironments_thenTheTally_countsTheEnvironmentsNodesByStatus_andThoseInMaintenance() {
        EnvironmentId environment = newEnvironment();
        newNode(environment, "a", "1.0.0", NodeStatus.HEALTHY);
        Node resting = newNode(environment, "b", "1.0.0", NodeStatus.HEALTHY);
        newNode(environment, "c", "1.0.0", NodeStatus.DEGRADED);
        newNode(environment, "d", "1.0.0", NodeStatus.UNREACHABLE);
        newNode(newEnvironment(), "elsewhere", "1.0.0", NodeStatus.DEGRADED);
        inTransaction(() -> nodeStore().updateMaintenance(resting.id(), true));

        FleetOverviewRepository.NodeTally tally = read(() -> overview().nodeTally(environment));

        assertThat(tally.byStatus()).containsOnly(entry("HEALTHY", 2L), entry("DEGRADED", 1L), entry("UNREACHABLE", 1L));
        assertThat(tally.inMaintenance()).isEqualTo(1);
        assertThat(read(() -> overview().nodeTally(newEnvironment()))).isEqualTo(new FleetOverviewRepository.NodeTally(java.util.Map.of(), 0));
    }

    @Test
    void givenNodesOnSeveralAgentVersions_thenTheMostCommonComeFirst_tiesByVersion_uptoTheLimit() {
        EnvironmentId environment = newEnvironment();
        newNode(environment, "a", "1.1.0", NodeStatus.HEALTHY);
        newNode(environment, "b", "1.1.0", NodeStatus.HEALTHY);
        newNode(environment, "c", "1.0.0", NodeStatus.HEALTHY);
        newNode(environment, "d", "0.9.0", NodeStatus.HEALTHY);
        newNode(newEnvironment(), "elsewhere", "0.9.0", NodeStatus.HEALTHY);

        assertThat(read(() -> overview().nodesByAgentVersion(environment, 10)))
                .containsExactly(entry("1.1.0", 2L), entry("0.9.0", 1L), entry("1.0.0", 1L));
        assertThat(read(() -> overview().nodesByAgentVersion(environment, 2))).containsExactly(entry("1.1.0", 2L), entry("0.9.0", 1L));
    }

    @Test
    void givenPipelineStatesOnTheEnvironmentsNodes_thenRunsAreCountedByStatus() {
        EnvironmentId environment = newEnvironment();
        Node a = newNode(environment, "a", "1.0.0", NodeStatus.HEALTHY);
        Node b = newNode(environment, "b", "1.0.0", NodeStatus.HEALTHY);
        Node elsewhere = newNode(newEnvironment(), "elsewhere", "1.0.0", NodeStatus.HEALTHY);
        PipelineId p = anyPipeline();
        PipelineId q = anyPipeline();
        write(withStates(a.id(), T0, List.of(state(p, 1, PipelineRunStatus.RUNNING, ""), state(q, 1, PipelineRunStatus.FAILED, "x")),
                        Optional.empty()),
                withStates(b.id(), T0, List.of(state(p, 1, PipelineRunStatus.RUNNING, "")), Optional.empty()),
                withStates(elsewhere.id(), T0, List.of(state(p, 1, PipelineRunStatus.CRASH_LOOP, "y")), Optional.empty()));

        assertThat(read(() -> overview().pipelineRunsByStatus(environment))).containsOnly(entry("RUNNING", 2L), entry("FAILED", 1L));
    }

    @Test
    void givenNodesNeedingAttention_thenUnreachableComeFirst_thenDegraded_thenStaleVersions_byHostname_withTheTotalBeyondTheLimit() {
        EnvironmentId environment = newEnvironment();
        Node staleB = newNode(environment, "stale-b", "0.9.0", NodeStatus.HEALTHY);
        Node degraded = newNode(environment, "Mid", "1.0.0", NodeStatus.DEGRADED);
        Node staleA = newNode(environment, "stale-a", "0.9.0", NodeStatus.HEALTHY);
        newNode(environment, "fine", "1.0.0", NodeStatus.HEALTHY);
        Node lost = newNode(environment, "zz-lost", "1.0.0", NodeStatus.UNREACHABLE);
        Node lostToo = newNode(environment, "aa-lost", "0.9.0", NodeStatus.UNREACHABLE);

        Page<NodeRow> page = read(() -> overview().nodesNeedingAttention(environment, Set.of("0.9.0"), 10));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.rows()).extracting(NodeRow::nodeId).containsExactly(lostToo.id(), lost.id(), degraded.id(), staleA.id(), staleB.id());
        assertThat(page.rows().get(2)).isEqualTo(new NodeRow(degraded.id(), "Mid", "DEGRADED", "trouble on Mid", "1.0.0"));

        Page<NodeRow> first = read(() -> overview().nodesNeedingAttention(environment, Set.of(), 2));
        assertThat(first.total()).as("without stale versions only the unhealthy").isEqualTo(3);
        assertThat(first.rows()).extracting(NodeRow::nodeId).containsExactly(lostToo.id(), lost.id());
    }

    @Test
    void givenFailedAndCrashLoopingPipelines_thenFailedComeFirst_byHostnameAndPipelineName_withTheTotalBeyondTheLimit() {
        EnvironmentId environment = newEnvironment();
        Node a = newNode(environment, "a-node", "1.0.0", NodeStatus.DEGRADED);
        Node b = newNode(environment, "b-node", "1.1.0", NodeStatus.DEGRADED);
        PipelineId named = newPipeline(environment, 1);
        String name = read(() -> pipelineStore().findById(named)).orElseThrow().name().value();
        PipelineId unnamed = anyPipeline();
        write(withStates(a.id(), T0, List.of(state(named, 1, PipelineRunStatus.CRASH_LOOP, "exit 78"),
                        state(unnamed, 1, PipelineRunStatus.RUNNING, "")), Optional.empty()),
                withStates(b.id(), T0, List.of(state(named, 1, PipelineRunStatus.FAILED, "refused"),
                        state(unnamed, 1, PipelineRunStatus.FAILED, "gone")), Optional.empty()));

        Page<PipelineRow> page = read(() -> overview().pipelinesNeedingAttention(environment, 10));

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.rows()).extracting(PipelineRow::hostname, PipelineRow::pipelineId, PipelineRow::pipelineName, PipelineRow::status)
                .containsExactly(tuple("b-node", unnamed, "", "FAILED"), tuple("b-node", named, name, "FAILED"),
                        tuple("a-node", named, name, "CRASH_LOOP"));
        assertThat(page.rows().get(0)).isEqualTo(new PipelineRow(b.id(), "b-node", "1.1.0", unnamed, "", "FAILED", "gone"));
        assertThat(read(() -> overview().pipelinesNeedingAttention(environment, 1))).satisfies(p -> {
            assertThat(p.total()).isEqualTo(3);
            assertThat(p.rows()).hasSize(1);
        });
    }

    @Test
    void givenComponentRollupsOfTheEnvironmentsPipelines_thenFlow_sumsInAtSources_outAtSinks_errorsAndDiscardsOfAll_andTheSecondsCovered() {
        EnvironmentId environment = newEnvironment();
        PipelineId p = newPipeline(environment, 1);
        PipelineId q = newPipeline(environment, 1);
        PipelineId elsewhere = newPipeline(newEnvironment(), 1);
        Instant m0 = T0;
        Instant m1 = T0.plus(Duration.ofMinutes(1));
        Instant m5 = T0.plus(Duration.ofMinutes(5));
        writeRollups(List.of(), List.of(componentMinute(p, "in", "source", m0, 100, 100, 0, 0), componentMinute(p, "parse", "transform", m0, 100, 90, 2, 8),
                componentMinute(p, "out", "sink", m0, 90, 90, 1, 0), componentMinute(q, "in", "source", m1, 10, 10, 0, 0),
                componentMinute(q, "out", "sink", m5, 7, 7, 0, 0), componentMinute(elsewhere, "in", "source", m0, 5000, 5000, 50, 50)));

        List<FlowBucket> flow = read(() -> overview().flow(environment, m0, T0.plus(Duration.ofMinutes(10)), Duration.ofMinutes(5)));

        assertThat(flow).containsExactly(new FlowBucket(m0, 110, 90, 3, 8, 120), new FlowBucket(m5, 0, 7, 0, 0, 60));
    }

    @Test
    void givenUpdateActions_thenUpdates_talliesThemByTargetVersion_newestRequestFirst_uptoTheLimit() {
        EnvironmentId environment = newEnvironment();
        Node a = newNode(environment, "a", "1.0.0", NodeStatus.HEALTHY);
        Node b = newNode(environment, "b", "1.0.0", NodeStatus.HEALTHY);
        Node c = newNode(environment, "c", "1.0.0", NodeStatus.HEALTHY);
        Node elsewhere = newNode(newEnvironment(), "elsewhere", "1.0.0", NodeStatus.HEALTHY);
        inTransaction(() -> {
            store().nodeActions().insert(a.id(), update("a-11-" + environment, "1.1.0"), T0, "test");
            store().nodeActions().insert(b.id(), update("b-11-" + environment, "1.1.0"), T0.plusSeconds(5), "test");
            store().nodeActions().insert(c.id(), update("c-11-" + environment, "1.1.0"), T0.plusSeconds(6), "test");
            store().nodeActions().insert(a.id(), update("a-12-" + environment, "1.2.0"), T0.plusSeconds(60), "test");
            store().nodeActions().insert(a.id(), new OneShotAction.Restart("a-restart-" + environment, anyPipeline()), T0.plusSeconds(90), "test");
            store().nodeActions().insert(elsewhere.id(), update("e-11-" + environment, "1.1.0"), T0.plusSeconds(120), "test");
        });
        write(new dev.vectorflow.ports.out.heartbeat.HeartbeatWrite(b.id(), T0.plusSeconds(30), NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                        List.of(), Optional.empty(), List.of(), List.of(), List.of(), Optional.of("1.1.0")),
                new dev.vectorflow.ports.out.heartbeat.HeartbeatWrite(c.id(), T0.plusSeconds(30), NodeStatus.HEALTHY, "heartbeat", Optional.empty(),
                        List.of(), Optional.empty(), List.of(), List.of(), List.of(new ActionSettlement("c-11-" + environment, false, "download failed")),
                        Optional.empty()));

        assertThat(read(() -> overview().updates(environment, 10))).containsExactly(new UpdateTally("1.2.0", 1, 0, 0, T0.plusSeconds(60)),
                new UpdateTally("1.1.0", 1, 1, 1, T0.plusSeconds(6)));
        assertThat(read(() -> overview().updates(environment, 1))).extracting(UpdateTally::version).containsExactly("1.2.0");
    }

    @Test
    void givenANodeReenrolledWithAnotherVersion_thenAgentVersions_listsTheChangesNewestFirst_startingAtEnrollment_uptoTheLimit() {
        Node node = newNode(newEnvironment(), "versions-1", "1.0.0", NodeStatus.HEALTHY);
        inTransaction(() -> nodeStore().replaceToken(node.id(), lookup(), hash("again"), Labels.NONE, "versions-1", "linux/amd64", "1.1.0",
                "0.57.0", T0.plusSeconds(60)));
        inTransaction(() -> nodeStore().replaceToken(node.id(), lookup(), hash("same"), Labels.NONE, "versions-1", "linux/amd64", "1.1.0",
                "0.57.0", T0.plusSeconds(90)));

        assertThat(read(() -> overview().agentVersions(node.id(), 10))).containsExactly(
                new VersionChange("1.1.0", Optional.of("1.0.0"), T0.plusSeconds(60)), new VersionChange("1.0.0", Optional.empty(), T0));
        assertThat(read(() -> overview().agentVersions(node.id(), 1))).hasSize(1);
    }

    private static OneShotAction.Update update(String id, String version) {
        return new OneShotAction.Update(id, version, "https://example.com/agent.jar", "sha256:00", "c2ln");
    }
}
