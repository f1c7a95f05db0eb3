package dev.vectorflow.ports.service.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.audit.AuditEntry;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.fleet.DesiredPipeline;
import dev.vectorflow.core.fleet.Labels;
import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import dev.vectorflow.core.fleet.PipelineRunStatus;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.PipelineVersion;
import dev.vectorflow.core.rollout.Decision;
import dev.vectorflow.core.rollout.Rollout;
import dev.vectorflow.core.rollout.RolloutPlan;
import dev.vectorflow.core.rollout.RolloutState;
import dev.vectorflow.ports.fake.FleetFakes;
import dev.vectorflow.ports.fake.InMemoryRolloutRepository;
import dev.vectorflow.ports.fake.InMemoryTelemetryRepository;
import dev.vectorflow.ports.fake.RecordingHeartbeatWriter;
import dev.vectorflow.ports.in.deployment.DeployPipelineCommand;
import dev.vectorflow.ports.in.deployment.UndeployPipelineCommand;
import dev.vectorflow.ports.in.rollout.ControlRolloutUseCase.Action;
import dev.vectorflow.ports.in.rollout.ControlRolloutUseCase.ControlRolloutCommand;
import dev.vectorflow.ports.out.heartbeat.HeartbeatWrite;
import dev.vectorflow.ports.service.deployment.DeployPipelineService;
import dev.vectorflow.ports.service.deployment.UndeployPipelineService;
import dev.vectorflow.ports.service.fleet.DesiredStates;
import dev.vectorflow.ports.service.fleet.FleetAudit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout engine over the in-memory fakes, with a clock the test moves: waves, soaks, gates, rollbacks and the controls. */
class RolloutEngineTest {

    private final FleetFakes fleet = new FleetFakes();
    private final InMemoryRolloutRepository rollouts = fleet.rollouts;
    private final InMemoryTelemetryRepository telemetry = fleet.transactions.register(new InMemoryTelemetryRepository(fleet.nodes, fleet.actions));
    private final RecordingHeartbeatWriter reports = new RecordingHeartbeatWriter(10_000, telemetry);
    private final DesiredStates desired = fleet.desiredStates;
    private final FleetAudit audit = new FleetAudit(fleet.auditLog, fleet.environments);
    private final RolloutEngine engine = fleet.rolloutEngine(telemetry, audit);
    private final DeployPipelineService deploy = new DeployPipelineService(fleet.transactions, fleet.pipelines, fleet.deployments, fleet.changes,
            audit, fleet.clock, engine);
    private final UndeployPipelineService undeploy = new UndeployPipelineService(fleet.transactions, fleet.pipelines, fleet.deployments,
            fleet.changes, audit, engine);
    private final RolloutService service = new RolloutService(fleet.transactions, engine, fleet.pipelines, fleet.nodes, telemetry, desired, audit,
            fleet.clock);
    private final Actor ann = Actor.commandLine();
    private final Node a = fleet.enroll("a", Labels.NONE).node();
    private final Node b = fleet.enroll("b", Labels.NONE).node();
    private final Node c = fleet.enroll("c", Labels.of(Map.of("canary", "true"))).node();
    private final PipelineId pipeline = fleet.publish("p").pipelineId();

    private RolloutEngineTest() {
        for (int n = 2; n <= 3; n++) {
            String yaml = "sources:\n  in:\n    type: demo_logs\n    format: json\nsinks:\n  out:\n    type: blackhole\n    inputs: [in]\n# v" + n + "\n";
            PipelineVersion v = new PipelineVersion(pipeline, n, fleet.pipelines.findById(pipeline).orElseThrow().draft(), yaml,
                    PipelineVersion.checksumOf(yaml), "test", "", FleetFakes.T0, Optional.empty());
            fleet.transactions.inTransaction(() -> {
                fleet.pipelines.insertVersion(v);
                return null;
            });
        }
    }

    private static RolloutPlan plan(boolean rollback, Integer convergeTimeout, RolloutPlan.WaveDraft... waves) {
        return RolloutPlan.of(new RolloutPlan.Draft(List.of(waves), null, null, null, rollback, convergeTimeout));
    }

    private static RolloutPlan.WaveDraft nodes(int n, int soak) {
        return new RolloutPlan.WaveDraft(n, null, null, null, soak);
    }

    private static RolloutPlan.WaveDraft rest(int soak) {
        return new RolloutPlan.WaveDraft(null, null, null, true, soak);
    }

    private void deployAllAtOnce(int version) throws Exception {
        deploy.deployPipeline(new DeployPipelineCommand(ann, pipeline, Optional.of(version), NodeSelector.ALL));
    }

    private Rollout deployStaged(int version, RolloutPlan plan) throws Exception {
        deploy.deployPipeline(new DeployPipelineCommand(ann, pipeline, Optional.of(version), NodeSelector.ALL, Optional.of(plan)));
        return fleet.transactions.inTransaction(() -> rollouts.findActive(pipeline)).orElseThrow();
    }

    /** The version the node should run now (null: none). */
    private Integer wanted(Node node) {
        DesiredPipeline target = desired.forNode(node).pipelines().get(pipeline);
        return target == null ? null : target.version();
    }

    /** The node reports the pipeline as it should run it now, with {@code status}. */
    private void reportsWanted(Node node, PipelineRunStatus status) {
        DesiredPipeline target = desired.forNode(node).pipelines().get(pipeline);
        report(node, target.version(), target.checksum(), status);
    }

    private void report(Node node, int version, String checksum, PipelineRunStatus status) {
        report(node, version, checksum, status, "");
    }

    private void report(Node node, int version, String checksum, PipelineRunStatus status, String error) {
        reports.offer(new HeartbeatWrite(node.id(), fleet.clock.instant(), NodeStatus.HEALTHY, "", Optional.empty(),
                List.of(new HeartbeatWrite.PipelineState(pipeline, version, checksum, status, 1L, Optional.empty(), error)), Optional.empty(),
                List.of(), List.of(), List.of(), Optional.empty()));
        reports.flush();
    }

    private Rollout reload(Rollout r) {
        return fleet.transactions.inTransaction(() -> rollouts.find(r.id())).orElseThrow();
    }

    private List<Decision.Kind> kinds(Rollout r) {
        return fleet.transactions.inTransaction(() -> rollouts.decisions(r.id(), 100)).stream().map(Decision::kind).toList();
    }

    private List<String> auditActions() {
        return fleet.auditLog.all().stream().map(AuditEntry::action).toList();
    }

    @Test
    void givenTwoWaves_whenTheFirstConvergesAndSoaks_thenTheSecondIsAdmitted_andOnlyAdmittedNodesGetTheNewVersionMeanwhile() throws Exception {
        deployAllAtOnce(1);
        Rollout r = deployStaged(2, plan(true, null, nodes(1, 60), rest(0)));

        assertThat(r.assignment()).containsEntry(a.id(), 0).containsEntry(b.id(), 1).containsEntry(c.id(), 1);
        assertThat(List.of(wanted(a), wanted(b), wanted(c))).containsExactly(2, 1, 1);
        assertThat(engine.advance()).as("nothing reported yet").isZero();

        reportsWanted(a, PipelineRunStatus.RUNNING);
        engine.advance();
        assertThat(reload(r).state()).isEqualTo(RolloutState.SOAKING);
        fleet.clock.advance(Duration.ofSeconds(30));
        assertThat(engine.advance()).as("still soaking").isZero();

        fleet.clock.advance(Duration.ofSeconds(31));
        engine.advance();
        assertThat(reload(r).state()).isEqualTo(RolloutState.ROLLING);
        assertThat(reload(r).currentWave()).isEqualTo(1);
        assertThat(List.of(wanted(a), wanted(b), wanted(c))).containsExactly(2, 2, 2);

        reportsWanted(b, PipelineRunStatus.RUNNING);
        reportsWanted(c, PipelineRunStatus.RUNNING);
        engine.advance();
        assertThat(reload(r).state()).isEqualTo(RolloutState.COMPLETED);
        assertThat(kinds(r)).containsExactly(Decision.Kind.STARTED, Decision.Kind.WAVE_ADMITTED, Decision.Kind.CONVERGED, Decision.Kind.GATE_PASSED,
                Decision.Kind.WAVE_ADMITTED, Decision.Kind.CONVERGED, Decision.Kind.GATE_PASSED, Decision.Kind.COMPLETED);
        assertThat(auditActions()).contains("rollout.start");
        Node late = fleet.enroll("late", Labels.NONE).node();
        assertThat(wanted(late)).as("after completion every matching node gets the new version").isEqualTo(2);
    }

    @Test
    void givenANodeOfTheWaveThatNeverRunsTheNewVersion_whenTheConvergeTimeoutPasses_thenItPausesWithoutRollback_andResumeAndSkipWork()
            throws Exception {
        deployAllAtOnce(1);
        Rollout r = deployStaged(2, plan(false, 30, nodes(1, 10), rest(10)));

        fleet.clock.advance(Duration.ofSeconds(31));
        engine.advance();

        assertThat(reload(r).state()).isEqualTo(RolloutState.PAUSED);
        assertThat(kinds(r)).endsWith(Decision.Kind.GATE_FAILED, Decision.Kind.PAUSED);
        assertThat(fleet.transactions.inTransaction(() -> rollouts.decisions(r.id(), 10))).anySatisfy(d ->
                assertThat(d.reason()).isEqualTo("1 node(s) did not run the new version within 30 s: " + RolloutEngine.named(a)
                        + " not on the new version"));
        assertThat(List.of(wanted(a), wanted(b))).as("paused where it stood").containsExactly(2, 1);
        assertThat(auditActions()).contains("rollout.pause");

        assertThat(service.control(new ControlRolloutCommand(ann, r.id(), Action.RESUME)).state()).isEqualTo(RolloutState.ROLLING);
        assertThat(service.control(new ControlRolloutCommand(ann, r.id(), Action.SKIP)).state()).isEqualTo(RolloutState.COMPLETED);
        assertThat(List.of(wanted(a), wanted(b), wanted(c))).containsExactly(2, 2, 2);
        assertThat(auditActions()).contains("rollout.resume", "rollout.skip");
        assertThatThrownBy(() -> service.control(new ControlRolloutCommand(ann, r.id(), Action.ABORT))).isInstanceOf(ConflictFailure.class)
                .hasMessage("cannot abort a rollout that is COMPLETED (only one that is ROLLING, SOAKING or PAUSED)");
    }

    @Test
    void givenACrashOnTheNewVersionDuringTheSoak_thenTheGateFailsAtOnce_andTheAdmittedNodesGoBack() throws Exception {
        deployAllAtOnce(1);
        Rollout r = deployStaged(2, plan(true, null, nodes(1, 3600), rest(60)));
        reportsWanted(a, PipelineRunStatus.RUNNING);
        engine.advance();
        assertThat(reload(r).state()).isEqualTo(RolloutState.SOAKING);

        fleet.clock.advance(Duration.ofSeconds(5));
        reportsWanted(a, PipelineRunStatus.CRASH_LOOP);
        engine.advance();

        assertThat(reload(r).state()).isEqualTo(RolloutState.ROLLED_BACK);
        assertThat(fleet.deployments.find(pipeline).orElseThrow().version()).isEqualTo(1);
        assertThat(List.of(wanted(a), wanted(b), wanted(c))).containsExactly(1, 1, 1);
        assertThat(kinds(r)).endsWith(Decision.Kind.GATE_FAILED, Decision.Kind.ROLLED_BACK);
        assertThat(auditActions()).contains("rollout.rollback");
    }

    @Test
    void givenAFailedSwitchReportedWithTheOldVersion_afterTheWaveWasAdmitted_thenItCountsAsAFailureOfTheNewVersion() throws Exception {
        deployAllAtOnce(1);
        DesiredPipeline v1 = desired.forNode(a).pipelines().get(pipeline);
        report(a, 1, v1.checksum(), PipelineRunStatus.FAILED);
        fleet.clock.advance(Duration.ofSeconds(1));
        Rollout r = deployStaged(2, plan(false, null, nodes(1, 60), rest(60)));
        assertThat(engine.advance()).as("a failure older than the admission does not count").isZero();

        // the agent refused version 2 and reports version 1 FAILED with why (its deploy error): a state that changed after
        // the admission (a state equal to the stored one keeps the time it last changed, so it would say nothing new)
        fleet.clock.advance(Duration.ofSeconds(1));
        report(a, 1, v1.checksum(), PipelineRunStatus.FAILED, "version 2 refused: the configuration does not validate");
        engine.advance();

        assertThat(reload(r).state()).isEqualTo(RolloutState.PAUSED);
    }

    @Test
    void givenAStagedFirstDeploy_thenNodesOutsideTheAdmittedWavesGetNothing_andAnAbortUndeploysIt() throws Exception {
        Rollout r = deployStaged(1, plan(false, null, new RolloutPlan.WaveDraft(null, null, "canary=true", null, 60), rest(60)));

        assertThat(r.previousVersion()).isEmpty();
        assertThat(List.of(Optional.ofNullable(wanted(a)), Optional.ofNullable(wanted(b)), Optional.ofNullable(wanted(c))))
                .containsExactly(Optional.empty(), Optional.empty(), Optional.of(1));

        service.control(new ControlRolloutCommand(ann, r.id(), Action.ABORT));

        assertThat(reload(r).state()).isEqualTo(RolloutState.ABORTED);
        assertThat(fleet.deployments.find(pipeline)).isEmpty();
        assertThat(wanted(c)).isNull();
        assertThat(auditActions()).contains("rollout.abort");
    }

    @Test
    void givenAnActiveRollout_whenThePipelineIsDeployedAgain_thenItIsSuperseded_andTheNewRolloutKeepsTheOldPreviousVersion() throws Exception {
        deployAllAtOnce(1);
        Rollout first = deployStaged(2, plan(false, null, nodes(1, 60), rest(60)));
        service.control(new ControlRolloutCommand(ann, first.id(), Action.PAUSE));
        fleet.clock.advance(Duration.ofSeconds(1));

        Rollout second = deployStaged(3, plan(false, null, nodes(2, 60), rest(60)));

        assertThat(reload(first).state()).isEqualTo(RolloutState.SUPERSEDED);
        assertThat(kinds(first)).last().isEqualTo(Decision.Kind.SUPERSEDED);
        assertThat(second.previousVersion()).contains(1);
        assertThat(List.of(wanted(a), wanted(b), wanted(c))).containsExactly(3, 3, 1);
        assertThat(service.rollouts(pipeline)).extracting(Rollout::id).containsExactly(second.id(), first.id());

        undeploy.undeployPipeline(new UndeployPipelineCommand(ann, pipeline));
        assertThat(reload(second).state()).isEqualTo(RolloutState.SUPERSEDED);
        assertThat(auditActions()).contains("rollout.supersede");
    }

    @Test
    void theDetailShowsEachWavesNodes_whetherAdmitted_andWhetherTheyRunTheNewVersion() throws Exception {
        deployAllAtOnce(1);
        Rollout r = deployStaged(2, plan(false, null, nodes(1, 60), rest(60)));
        reportsWanted(a, PipelineRunStatus.RUNNING);
        reportsWanted(b, PipelineRunStatus.RUNNING);

        var detail = service.rollout(r.id());

        assertThat(detail.pipelineName()).isEqualTo("p");
        assertThat(detail.waves()).hasSize(2);
        assertThat(detail.waves().get(0).nodes()).singleElement().satisfies(n -> {
            assertThat(n.hostname()).isEqualTo("a");
            assertThat(n.admitted()).isTrue();
            assertThat(n.runsTarget()).isTrue();
        });
        assertThat(detail.waves().get(1).nodes()).extracting(n -> n.hostname() + " " + n.admitted() + " " + n.runsTarget())
                .containsExactlyInAnyOrder("b false false", "c false false");
        assertThat(detail.decisions()).extracting(Decision::kind).containsExactly(Decision.Kind.STARTED, Decision.Kind.WAVE_ADMITTED);
    }

}
