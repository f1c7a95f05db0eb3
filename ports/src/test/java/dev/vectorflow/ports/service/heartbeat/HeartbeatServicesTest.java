package dev.vectorflow.ports.service.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.fleet.DesiredPipelines;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.NodeToken;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.FleetFakes.EnrolledNode;
import dev.vectorflow.ports.in.heartbeat.AgentIdentity;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ActionResult;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ComponentCounters;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.LogBatch;
import dev.vectorflow.ports.in.heartbeat.HeartbeatCommand.ReportedPipeline;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.HeartbeatOutcome;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Busy;
import dev.vectorflow.ports.in.heartbeat.ReceiveHeartbeatUseCase.Answered;
import dev.vectorflow.ports.in.heartbeat.LogsAndSamplesCommand;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.out.telemetry.EventSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The heartbeat logic on in-memory fakes: desired against reported state, one-shot settlement, write de-duplication. */
class HeartbeatServicesTest {

    private final FleetFakes fleet = new FleetFakes();
    private final HeartbeatWrites writes = new HeartbeatWrites(fleet.writer, fleet.clock);
    private final OneShotSettlement oneShots = new OneShotSettlement(fleet.transactions, fleet.actions, fleet.cache, fleet.clock);
    private final ReceiveHeartbeatService heartbeats = new ReceiveHeartbeatService(fleet.nodeDirectory, fleet.desiredStates, oneShots, writes,
            fleet.live, fleet.settings, fleet.clock);
    private final ReceiveLogsAndSamplesService logsAndSamples = new ReceiveLogsAndSamplesService(fleet.desiredStates, writes, fleet.settings,
            fleet.clock);
    private final AuthenticateAgentService authenticate = new AuthenticateAgentService(fleet.nodeDirectory);

    private static AgentIdentity agent(EnrolledNode node) {
        return new AgentIdentity(node.id(), node.node().environmentId());
    }

    private static HeartbeatCommand heartbeat(EnrolledNode node, List<ReportedPipeline> pipelines) {
        return new HeartbeatCommand(agent(node), "1.0.0", "0.57.0", "STANDALONE", Labels.NONE, Optional.empty(), pipelines, List.of(),
                List.of(), List.of(), "");
    }

    private static ReportedPipeline running(PipelineVersion version) {
        return running(version, 60);
    }

    private static ReportedPipeline running(PipelineVersion version, long uptimeSeconds) {
        return new ReportedPipeline(version.pipelineId(), version.number(), deliveredChecksum(version), PipelineRunStatus.RUNNING, 4242L,
                uptimeSeconds, 10L, 10L, 100L, 100L, 0L, 0L, List.of(), "");
    }

    private static ReportedPipeline report(PipelineId id, Integer version, String checksum, PipelineRunStatus status, String error) {
        return new ReportedPipeline(id, version, checksum, status, 4242L, 60L, 10L, 10L, 100L, 100L, 0L, 0L, List.of(), error);
    }

    /** The checksum a node runs: of the YAML and the (here: no) secrets and certificates. */
    private static String deliveredChecksum(PipelineVersion version) {
        return version.checksum();
    }

    private Answered answered(HeartbeatOutcome outcome) {
        assertThat(outcome).isInstanceOf(Answered.class);
        return (Answered) outcome;
    }

    @Test
    void givenADeployedPipelineTheNodeDoesNotRun_theAnswerDeploysIt_underTheSameIdEveryTime() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);

        Answered first = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of())));
        Answered again = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of())));

        assertThat(first.pollInterval()).isEqualTo(fleet.settings.pollInterval());
        assertThat(first.changes()).singleElement().isInstanceOfSatisfying(DesiredPipelines.Deploy.class, deploy -> {
            assertThat(deploy.target().pipelineId()).isEqualTo(version.pipelineId());
            assertThat(deploy.target().version()).isEqualTo(1);
        });
        assertThat(again.changes()).extracting(DesiredPipelines.Action::id).isEqualTo(first.changes().stream().map(DesiredPipelines.Action::id).toList());
    }

    @Test
    void givenTheNodeRunsWhatItShould_theAnswerHoldsNoAction_andTheNodeIsHealthy() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);

        Answered answer = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of(running(version)))));

        assertThat(answer.changes()).isEmpty();
        assertThat(answer.oneShots()).isEmpty();
        HeartbeatWrite write = fleet.writer.last();
        assertThat(write.status()).isEqualTo(NodeStatus.HEALTHY);
        assertThat(write.statusReason()).isEqualTo("heartbeat");
        assertThat(write.pipelineStates()).singleElement().satisfies(s -> {
            assertThat(s.pipelineId()).isEqualTo(version.pipelineId());
            assertThat(s.runningSince()).contains(FleetFakes.T0.minusSeconds(60));
        });
    }

    @Test
    void givenTheNodeRunsAPipelineOfAnotherEnvironment_itIsUndeployed_andNothingOfItIsStored() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineId foreign = new PipelineId(UUID.randomUUID());

        Answered answer = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of(report(foreign, 3, "x", PipelineRunStatus.FAILED, "boom")))));

        assertThat(answer.changes()).singleElement().isInstanceOfSatisfying(DesiredPipelines.Undeploy.class,
                undeploy -> assertThat(undeploy.pipelineId()).isEqualTo(foreign));
        HeartbeatWrite write = fleet.writer.last();
        assertThat(write.pipelineStates()).isEmpty();
        assertThat(write.reportedPipelines()).contains(Set.of());
        assertThat(write.status()).as("a pipeline that is not ours does not make the node degraded").isEqualTo(NodeStatus.HEALTHY);
    }

    @Test
    void givenANodeInMaintenance_everythingItRunsIsUndeployed() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);
        fleet.transactions.inTransaction(() -> {
            fleet.nodes.updateMaintenance(node.id(), true);
            return null;
        });

        Answered answer = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of(running(version)))));

        assertThat(answer.changes()).singleElement().isInstanceOf(DesiredPipelines.Undeploy.class);
    }

    @Test
    void givenLabelsTheAgentReports_theSelectorsMatchThem_andTheCacheKeepsThem() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.of(Map.of("zone", "eu")));
        assertThat(answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of()))).changes()).isEmpty();

        HeartbeatCommand labelled = new HeartbeatCommand(agent(node), "1.0.0", "", "STANDALONE", Labels.of(Map.of("zone", "eu")),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), "");
        assertThat(answered(heartbeats.receiveHeartbeat(labelled)).changes()).singleElement().isInstanceOf(DesiredPipelines.Deploy.class);
        assertThat(answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of()))).changes())
                .as("no labels sent: the node keeps the ones it reported").hasSize(1);
        assertThat(fleet.writer.last().facts().orElseThrow().agentLabels()).isEqualTo(Labels.of(Map.of("zone", "eu")));
    }

    @Test
    void givenAFailingPipeline_theNodeIsDegraded_withThePipelineAndTheFirstLineOfItsError() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);

        heartbeats.receiveHeartbeat(heartbeat(node, List.of(report(version.pipelineId(), 1, version.checksum(), PipelineRunStatus.CRASH_LOOP,
                "exit code 78\nstack trace follows"))));

        HeartbeatWrite write = fleet.writer.last();
        assertThat(write.status()).isEqualTo(NodeStatus.DEGRADED);
        assertThat(write.statusReason()).isEqualTo("logs is CRASH_LOOP: exit code 78");
        assertThat(write.pipelineStates().getFirst().error()).isEqualTo("exit code 78\nstack trace follows");
        assertThat(write.pipelineStates().getFirst().runningSince()).as("only a running pipeline has a start time").isEmpty();
    }

    @Test
    void givenUnchangedHeartbeats_factsAndStatesAreWrittenOnce_untilFiveMinutesHavePassed() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);

        heartbeats.receiveHeartbeat(heartbeat(node, List.of(running(version, 60))));
        fleet.clock.advance(Duration.ofSeconds(15));
        heartbeats.receiveHeartbeat(heartbeat(node, List.of(running(version, 77))));
        HeartbeatWrite second = fleet.writer.last();
        fleet.clock.advance(HeartbeatWrites.REWRITE_EVERY);
        heartbeats.receiveHeartbeat(heartbeat(node, List.of(running(version, 377))));
        HeartbeatWrite later = fleet.writer.last();

        HeartbeatWrite first = fleet.writer.offered().getFirst();
        assertThat(first.facts()).isPresent();
        assertThat(first.pipelineStates()).hasSize(1);
        assertThat(first.reportedPipelines()).contains(Set.of(version.pipelineId()));
        assertThat(second.facts()).isEmpty();
        assertThat(second.pipelineStates()).as("a start time within a few seconds of the last is the same").isEmpty();
        assertThat(second.reportedPipelines()).isEmpty();
        assertThat(second.at()).isEqualTo(FleetFakes.T0.plusSeconds(15));
        assertThat(later.facts()).isPresent();
        assertThat(later.pipelineStates()).hasSize(1);
    }

    @Test
    void givenTheWriterDroppedANodesHeartbeat_itsNextHeartbeatWritesEverythingAgain() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        EnrolledNode other = fleet.enroll("web-2", Labels.NONE);
        heartbeats.receiveHeartbeat(heartbeat(node, List.of()));
        heartbeats.receiveHeartbeat(heartbeat(other, List.of()));

        fleet.writer.drop(Set.of(node.id()));
        heartbeats.receiveHeartbeat(heartbeat(node, List.of()));
        heartbeats.receiveHeartbeat(heartbeat(other, List.of()));

        List<HeartbeatWrite> offered = fleet.writer.offered();
        assertThat(offered.get(2).facts()).as("dropped node").isPresent();
        assertThat(offered.get(3).facts()).as("the other node").isEmpty();
    }

    @Test
    void givenAFullWriteQueue_theAgentIsToldToComeBack_andNothingOfTheHeartbeatCounts() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        fleet.actions.insert(node.id(), new OneShotAction.Restart("restart-1", new PipelineId(UUID.randomUUID())), FleetFakes.T0, "test");
        fleet.writer.full(true);

        HeartbeatOutcome busy = heartbeats.receiveHeartbeat(withResults(heartbeat(node, List.of()), new ActionResult("restart-1", true, "")));
        fleet.writer.full(false);
        Answered next = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of())));

        assertThat(busy).as("come back after one poll interval").isEqualTo(new Busy(Duration.ofSeconds(15)));
        assertThat(fleet.writer.offered()).hasSize(1);
        assertThat(fleet.writer.last().facts()).as("the refused heartbeat's facts were not taken as written").isPresent();
        assertThat(next.oneShots()).as("the refused heartbeat settled nothing").extracting(OneShotAction::id).containsExactly("restart-1");
    }

    @Test
    void busyIsAskedBeforeTheReportIsRead_andAnswersOnePollIntervalAtLeastFiveSeconds() {
        assertThat(heartbeats.busy()).as("room in the queue").isEmpty();

        fleet.writer.full(true);

        assertThat(heartbeats.busy()).contains(new Busy(Duration.ofSeconds(15)));
        assertThat(ReceiveHeartbeatService.busyAnswer(Duration.ofSeconds(2))).as("a short poll interval").isEqualTo(new Busy(Duration.ofSeconds(5)));
        assertThat(ReceiveHeartbeatService.busyAnswer(Duration.ofSeconds(60))).isEqualTo(new Busy(Duration.ofSeconds(60)));
    }

    private static HeartbeatCommand withResults(HeartbeatCommand h, ActionResult... results) {
        return new HeartbeatCommand(h.agent(), h.agentVersion(), h.vectorVersion(), h.deploymentMode(), h.labels(), h.host(), h.pipelines(),
                h.logs(), h.samples(), List.of(results), h.updateError());
    }

    @Test
    void givenAPendingRestart_itIsOffered_untilTheAgentReportsItsResult_whichIsWritten() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineId pipeline = new PipelineId(UUID.randomUUID());
        fleet.actions.insert(node.id(), new OneShotAction.Restart("restart-1", pipeline), FleetFakes.T0, "test");

        Answered offered = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of())));
        Answered settling = answered(heartbeats.receiveHeartbeat(withResults(heartbeat(node, List.of()), new ActionResult("restart-1", false,
                "no such pipeline"))));
        Answered after = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of())));

        assertThat(offered.oneShots()).containsExactly(new OneShotAction.Restart("restart-1", pipeline));
        assertThat(settling.oneShots()).isEmpty();
        assertThat(after.oneShots()).as("remembered as settled until the cache hears of it").isEmpty();
        assertThat(fleet.writer.offered().get(1).actionResults())
                .containsExactly(new HeartbeatWrite.ActionSettlement("restart-1", false, "no such pipeline"));
    }

    @Test
    void givenAPendingUpdate_itIsSettledWhenTheAgentReportsTheTargetVersion() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        fleet.actions.insert(node.id(), new OneShotAction.Update("update-1", "1.1.0", "https://example.com/a.jar", "sha256:00", "c2ln"),
                FleetFakes.T0, "test");

        Answered stillOld = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of())));
        HeartbeatWrite before = fleet.writer.last();
        HeartbeatCommand updated = new HeartbeatCommand(agent(node), "1.1.0", "0.57.0", "STANDALONE", Labels.NONE, Optional.empty(), List.of(),
                List.of(), List.of(), List.of(), "");
        Answered done = answered(heartbeats.receiveHeartbeat(updated));

        assertThat(stillOld.oneShots()).extracting(OneShotAction::id).containsExactly("update-1");
        assertThat(before.settledUpdateVersion()).isEmpty();
        assertThat(done.oneShots()).isEmpty();
        assertThat(fleet.writer.last().settledUpdateVersion()).contains("1.1.0");
    }

    @Test
    void givenAPendingSample_itsResultsSettleIt_andAreWritten() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.actions.insert(node.id(), new OneShotAction.Sample("sample-1", "request-1", version.pipelineId(), List.of("in"), 5), FleetFakes.T0,
                "test");
        EventSample result = new EventSample("request-1", "in", List.of(Map.of("message", "hi")),
                List.of(new EventSample.SampleField(".message", "string", "hi")), null);
        EventSample unnamed = new EventSample("request-1", null, List.of(), List.of(), null);

        HeartbeatCommand withSample = new HeartbeatCommand(agent(node), "1.0.0", "", "STANDALONE", Labels.NONE, Optional.empty(), List.of(),
                List.of(), List.of(result, unnamed), List.of(), "");
        Answered answer = answered(heartbeats.receiveHeartbeat(withSample));

        assertThat(answer.oneShots()).isEmpty();
        assertThat(fleet.writer.last().samples()).as("a result without its component cannot be stored").containsExactly(result);
    }

    @Test
    void logLinesOfOtherEnvironmentsPipelines_areLeftOut_andTheRestAreStampedWithTheirArrival() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        List<String> many = new ArrayList<>(Collections.nCopies(HeartbeatCommand.LogBatch.MAX_LINES, "old"));
        many.add("newest");

        HeartbeatCommand withLogs = new HeartbeatCommand(agent(node), "1.0.0", "", "STANDALONE", Labels.NONE, Optional.empty(), List.of(),
                List.of(new LogBatch(version.pipelineId(), many), new LogBatch(new PipelineId(UUID.randomUUID()), List.of("not ours"))),
                List.of(), List.of(), "");
        heartbeats.receiveHeartbeat(withLogs);

        List<HeartbeatWrite.LogLine> lines = fleet.writer.last().logs();
        assertThat(lines).hasSize(HeartbeatCommand.LogBatch.MAX_LINES);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.pipelineId()).isEqualTo(version.pipelineId());
            assertThat(l.at()).isEqualTo(FleetFakes.T0);
        });
        assertThat(lines.getLast().line()).isEqualTo("newest");
    }

    @Test
    void theSidecarsComponents_andIdsNoPipelineCanHave_areNotRecorded() {
        assertThat(ReceiveHeartbeatService.storableComponent(new ComponentCounters("app_logs", "source", 1L, 1L, 1L, 1L, 0L, 0L))).isTrue();
        assertThat(ReceiveHeartbeatService.storableComponent(new ComponentCounters("vf_metrics", "source", 1L, 1L, 1L, 1L, 0L, 0L))).isFalse();
        assertThat(ReceiveHeartbeatService.storableComponent(new ComponentCounters("a.b", "source", 1L, 1L, 1L, 1L, 0L, 0L))).isFalse();
        assertThat(ReceiveHeartbeatService.storableComponent(new ComponentCounters("x", "router", 1L, 1L, 1L, 1L, 0L, 0L))).isFalse();

        ComponentCounters app = new ComponentCounters("app_logs", "source", 1L, 1L, 1L, 1L, 0L, 0L);
        ComponentCounters out = new ComponentCounters("out", "sink", 1L, 1L, 1L, 1L, 0L, 0L);
        ComponentCounters sidecar = new ComponentCounters("vf_metrics", "source", 1L, 1L, 1L, 1L, 0L, 0L);
        List<ComponentCounters> allStorable = List.of(app, out);
        assertThat(ReceiveHeartbeatService.storableComponents(allStorable)).as("kept as it is, no copy").isSameAs(allStorable);
        assertThat(ReceiveHeartbeatService.storableComponents(List.of(app, sidecar, out))).containsExactly(app, out);
        assertThat(ReceiveHeartbeatService.storableComponents(List.of(sidecar))).isEmpty();
    }

    @Test
    void givenTheNodeWasDeletedAMomentAgo_theHeartbeatGetsAnEmptyAnswer_andWritesNothing() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        fleet.transactions.inTransaction(() -> fleet.nodes.delete(node.id()));

        Answered answer = answered(heartbeats.receiveHeartbeat(heartbeat(node, List.of())));

        assertThat(answer.changes()).isEmpty();
        assertThat(fleet.writer.offered()).isEmpty();
    }

    @Test
    void textsFromTheAgent_areCleanedAndCut_inTheCommand() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        HeartbeatCommand command = new HeartbeatCommand(agent(node), "  1.0\u0007-beta  ", "v".repeat(400), "SATELLITE", null, Optional.empty(),
                List.of(report(new PipelineId(UUID.randomUUID()), 1, "c", null, "a\u0000b" + "x".repeat(9000))), List.of(), List.of(), List.of(),
                null);

        assertThat(command.agentVersion()).isEqualTo("1.0 -beta");
        assertThat(command.vectorVersion()).hasSize(300);
        assertThat(command.deploymentMode()).isEqualTo("UNKNOWN");
        assertThat(command.labels()).isEqualTo(Labels.NONE);
        assertThat(command.updateError()).isEmpty();
        ReportedPipeline pipeline = command.pipelines().getFirst();
        assertThat(pipeline.status()).isEqualTo(PipelineRunStatus.UNKNOWN);
        assertThat(pipeline.error()).startsWith("a b").endsWith(" …[cut]").hasSize(8192 + " …[cut]".length());
    }

    @Test
    void logsAndSamplesSentApart_areWrittenUnderTheNodesLastStatus_orRefusedWhenTheQueueIsFull() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        PipelineVersion version = fleet.publish("logs");
        fleet.deploy(version, NodeSelector.ALL);
        heartbeats.receiveHeartbeat(heartbeat(node, List.of(report(version.pipelineId(), 1, version.checksum(), PipelineRunStatus.FAILED, "x"))));

        HeartbeatOutcome accepted = logsAndSamples.receiveLogsAndSamples(new LogsAndSamplesCommand(agent(node),
                List.of(new LogBatch(version.pipelineId(), List.of("line"))), List.of()));
        HeartbeatWrite write = fleet.writer.last();
        assertThat(logsAndSamples.busy()).as("room in the queue").isEmpty();
        fleet.writer.full(true);
        assertThat(logsAndSamples.busy()).as("asked before the body is read").contains(new Busy(Duration.ofSeconds(15)));
        HeartbeatOutcome refused = logsAndSamples.receiveLogsAndSamples(new LogsAndSamplesCommand(agent(node), List.of(), List.of()));

        assertThat(accepted).isInstanceOf(Answered.class);
        assertThat(write.status()).isEqualTo(NodeStatus.DEGRADED);
        assertThat(write.facts()).isEmpty();
        assertThat(write.logs()).extracting(HeartbeatWrite.LogLine::line).containsExactly("line");
        assertThat(refused).isInstanceOf(Busy.class);
    }

    @Test
    void anAgentIsKnownByItsNodeToken_untilTheTokenIsRevoked() {
        EnrolledNode node = fleet.enroll("web-1", Labels.NONE);
        NodeToken forged = new NodeToken(node.token().lookupId(), "f".repeat(64));

        assertThat(authenticate.authenticate(node.token().text())).contains(agent(node));
        assertThat(authenticate.authenticate(forged.text())).isEmpty();
        assertThat(authenticate.authenticate("vf_api_not_a_node_token")).isEmpty();
        assertThat(authenticate.authenticate(null)).isEmpty();

        fleet.transactions.inTransaction(() -> {
            fleet.nodes.revokeToken(node.id());
            return null;
        });
        fleet.cache.forgetNode(node.id());
        assertThat(authenticate.authenticate(node.token().text())).isEmpty();
    }
}
