package dev.vectorflow.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.agent.control.ControlLoop.State;
import dev.vectorflow.agent.pipeline.PipelineView;
import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.agent.port.ControlPlane.Reply;
import dev.vectorflow.ports.protocol.ActionResult;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.SampleResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionDispatcherTest {

    @TempDir
    Path dataDir;
    private ControlFixture fixture;

    @BeforeEach
    void create() {
        fixture = new ControlFixture(dataDir);
        fixture.session.useToken("vf_node_secret");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<ActionResult> results() {
        return fixture.buffer.take().actionResults();
    }

    private static PendingAction deploy(PipelineConfig config) {
        return PendingAction.deploy("deploy-" + config.version(), config.pipelineId(), config.pipelineName(), config.version(), config.checksum());
    }

    @Test
    void aDeploy_fetchesThatVersionsConfig_runsIt_andReportsTheOutcome() {
        PipelineConfig config = ControlFixture.config("p1", 3, "sources: a\n");
        fixture.server.configReplies.add(StubControlPlane.ok(config));

        fixture.dispatcher.dispatch(List.of(deploy(config)));

        assertThat(fixture.server.configRequests).singleElement().satisfies(r -> {
            assertThat(r.pipelineId()).isEqualTo("p1");
            assertThat(r.version()).isEqualTo(3);
        });
        assertThat(fixture.server.nodeTokens).containsExactly("vf_node_secret");
        assertThat(results()).singleElement().satisfies(r -> {
            assertThat(r.actionId()).isEqualTo("deploy-3");
            assertThat(r.status()).isEqualTo(ActionResult.SUCCEEDED);
            assertThat(r.message()).contains("started Vector with version 3");
        });
        assertThat(fixture.pipelines.views()).extracting(PipelineView::pipelineId).containsExactly("p1");
    }

    @Test
    void aDeployOfARefusedChecksum_failsWithoutFetchingTheConfigAgain() {
        PipelineConfig broken = ControlFixture.config("p1", 2, "sources: INVALID\n");
        fixture.pipelines.deploy(broken);

        fixture.dispatcher.dispatch(List.of(deploy(broken)));

        assertThat(fixture.server.configRequests).isEmpty();
        assertThat(results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ActionResult.FAILED);
            assertThat(r.message()).contains("was refused earlier and is not retried");
        });
    }

    @Test
    void aConfigTheServerNoLongerHas_failsTheDeploy() {
        fixture.server.configReplies.add(new Reply.NotFound<>("pipeline deleted"));

        fixture.dispatcher.dispatch(List.of(deploy(ControlFixture.config("p1", 1, "sources: a\n"))));

        assertThat(results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ActionResult.FAILED);
            assertThat(r.message()).contains("the server has no config of pipeline p1").contains("pipeline deleted");
        });
    }

    @Test
    void aConfigFetchThatFails_settlesNothing_soTheServerListsTheDeployAgain() {
        fixture.dispatcher.dispatch(List.of(deploy(ControlFixture.config("p1", 1, "sources: a\n"))));

        assertThat(results()).isEmpty();
        assertThat(fixture.session.state()).isEqualTo(State.CONNECTING);
    }

    @Test
    void aConfigFetchAnswered401_endsTheSession_andSetsTheTokenAside() {
        fixture.tokens.save("vf_node_secret");
        fixture.server.configReplies.add(new Reply.Unauthorized<>("revoked"));

        fixture.dispatcher.dispatch(List.of(deploy(ControlFixture.config("p1", 1, "sources: a\n"))));

        assertThat(fixture.session.state()).isEqualTo(State.UNAUTHORIZED);
        assertThat(fixture.tokens.rejected).isTrue();
        assertThat(results()).isEmpty();
    }

    @Test
    void aRestartListedInTwoHeartbeats_runsOnce_andItsResultIsSentBothTimes() {
        fixture.pipelines.deploy(ControlFixture.config("p1", 1, "sources: a\n"));
        int launched = fixture.vector.launches();
        PendingAction restart = PendingAction.restart("restart-1", "p1");

        fixture.dispatcher.dispatch(List.of(restart));
        List<ActionResult> first = results();
        fixture.dispatcher.dispatch(List.of(restart));
        List<ActionResult> second = results();

        assertThat(fixture.vector.launches()).isEqualTo(launched + 1);
        assertThat(first).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(ActionResult.SUCCEEDED));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anUndeploy_stopsThePipeline_andIsNotBookedAsOneShot() {
        fixture.pipelines.deploy(ControlFixture.config("p1", 1, "sources: a\n"));
        PendingAction undeploy = PendingAction.undeploy("undeploy-1", "p1");

        fixture.dispatcher.dispatch(List.of(undeploy));
        fixture.dispatcher.dispatch(List.of(undeploy));

        assertThat(fixture.pipelines.views()).isEmpty();
        assertThat(results()).singleElement().satisfies(r -> assertThat(r.message()).contains("does not run here"));
    }

    @Test
    void aSample_ofEachComponent_goesWithTheNextHeartbeat() throws InterruptedException {
        fixture.pipelines.deploy(ControlFixture.config("p1", 1, "sources: a\n"));

        fixture.dispatcher.dispatch(List.of(PendingAction.sample("sample-1", "req-1", "p1", List.of("a", "b"), 5),
                PendingAction.sample("sample-2", "req-2", "p9", List.of("x"), 5)));
        fixture.workers.shutdown();
        assertThat(fixture.workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        TelemetryBuffer.Batch batch = fixture.buffer.take();
        assertThat(batch.samples()).extracting(SampleResult::componentKey).containsExactly("a", "b", "x");
        assertThat(batch.samples().getLast().error()).isEqualTo("pipeline p9 does not run here");
        assertThat(batch.actionResults()).extracting(ActionResult::status).containsExactly(ActionResult.SUCCEEDED, ActionResult.FAILED);
    }

    @Test
    void aPreviewTheServerNoLongerWaitsFor_isReportedFailed_andRunsNothing() throws InterruptedException {
        fixture.dispatcher.dispatch(List.of(PendingAction.preview("preview-1", "req-9", "p1")));
        fixture.workers.shutdown();
        assertThat(fixture.workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(results()).singleElement().satisfies(r -> {
            assertThat(r.actionId()).isEqualTo("preview-1");
            assertThat(r.status()).isEqualTo(ActionResult.FAILED);
            assertThat(r.message()).contains("the server has no preview req-9");
        });
        assertThat(fixture.pipelines.views()).isEmpty();
    }

    @Test
    void anUnknownActionType_isReportedFailed_namingThisAgentsVersion() {
        fixture.dispatcher.dispatch(List.of(new PendingAction("a-1", "reboot", "p1", null, null, null, null, null, null, null, null, null)));

        assertThat(results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ActionResult.FAILED);
            assertThat(r.message()).isEqualTo("this agent (1.2.3) does not know action type 'reboot'");
        });
    }

    @Test
    void aRefusedUpdate_failsTheAction_andItsReasonStaysTheUpdateError() {
        fixture.dispatcher.dispatch(List.of(update("update-1")));

        assertThat(results()).singleElement().satisfies(r -> assertThat(r.message()).isEqualTo("no VF_UPDATE_PUBLIC_KEY"));
        assertThat(fixture.dispatcher.updateError()).isEqualTo("no VF_UPDATE_PUBLIC_KEY");
        assertThat(fixture.restartsForUpdate).isEmpty();
    }

    @Test
    void anInstalledUpdate_restartsTheAgent_andNoFurtherActionRuns() {
        fixture.updater.result = new AgentUpdater.Result.Installed("9.9.9");
        fixture.pipelines.deploy(ControlFixture.config("p1", 1, "sources: a\n"));
        int launched = fixture.vector.launches();

        fixture.dispatcher.dispatch(List.of(update("update-1"), PendingAction.restart("restart-1", "p1")));

        assertThat(fixture.restartsForUpdate).containsExactly("9.9.9");
        assertThat(fixture.session.stopping()).isTrue();
        assertThat(fixture.vector.launches()).isEqualTo(launched);
        assertThat(results()).isEmpty();
    }

    @Test
    void anUpdateTheLauncherRolledBack_isReportedFailed_andNotInstalledWhenListedAgain() {
        fixture.updater.rolledBack = Optional.of(new AgentUpdater.RolledBack(Optional.of("update-7"), "9.9.9", "no heartbeat within 60 s"));

        fixture.dispatcher.reportRollback();
        List<ActionResult> reported = results();
        fixture.dispatcher.dispatch(List.of(update("update-7")));

        assertThat(reported).singleElement().satisfies(r -> {
            assertThat(r.actionId()).isEqualTo("update-7");
            assertThat(r.status()).isEqualTo(ActionResult.FAILED);
        });
        assertThat(results()).isEqualTo(reported);
        assertThat(fixture.updater.installs).isEmpty();
        assertThat(fixture.dispatcher.updateError()).isEqualTo("no heartbeat within 60 s");
    }

    private static PendingAction update(String id) {
        return PendingAction.update(id, "9.9.9", "https://downloads.example.com/agent.jar", "sha256:" + "a".repeat(64), "c2ln");
    }
}
