package dev.vectorflow.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.PipelineConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Supervision: log, exits, crash backoff and CRASH_LOOP, health, settle windows and rollbacks, adoption after an agent restart. */
class PipelineSupervisorTest extends PipelinesFixture {

    @Test
    void vectorExitingWithinTheSettleWindow_putsTheLastGoodConfigBack() throws IOException {
        pipelines.deploy(config(1, "global: a\nsources: a\n"));
        tick(Duration.ofSeconds(21));
        pipelines.deploy(config(2, "global: b\nsources: a\n"));
        FakeVector.FakeProcess second = vector.last();
        tick(Duration.ofSeconds(1));

        second.crash(1);
        tick(Duration.ofSeconds(1));

        assertThat(view().status()).isEqualTo("FAILED");
        assertThat(view().version()).isEqualTo(1);
        assertThat(view().error()).contains("exited with code 1 within the settle window of version 2");
        assertThat(vector.last().configAtLaunch).isEqualTo("global: a\nsources: a\n");
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/pipeline.yaml"))).isEqualTo("global: a\nsources: a\n");
        assertThat(vault.lookup("p1", List.of("token"))).containsEntry("token", Optional.of("v1"));
        assertThat(pipelines.deploy(config(2, "global: b\nsources: a\n")).message()).contains("not retried");
    }

    @Test
    void aSecondSwitchWithinTheSettleWindow_fallsBackToTheLastProvenConfig() {
        pipelines.deploy(config(1, "global: a\n"));
        tick(Duration.ofSeconds(21));
        pipelines.deploy(config(2, "global: b\n"));
        tick(Duration.ofSeconds(1));
        pipelines.deploy(config(3, "global: c\n"));
        tick(Duration.ofSeconds(1));

        vector.last().crash(1);
        tick(Duration.ofSeconds(1));

        assertThat(view().version()).isEqualTo(1);
        assertThat(vector.last().configAtLaunch).isEqualTo("global: a\n");
    }

    @Test
    void aReloadVectorRefuses_putsTheFilesBack_withoutTouchingTheProcess() throws IOException {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        FakeVector.FakeProcess process = vector.last();

        pipelines.deploy(config(2, "sources: REFUSE_RELOAD\n"));
        tick(Duration.ofSeconds(1));

        assertThat(view().status()).isEqualTo("FAILED");
        assertThat(view().error()).contains("Vector refused to reload version 2");
        assertThat(process.isAlive()).isTrue();
        assertThat(vector.launched).hasSize(1);
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/pipeline.yaml"))).isEqualTo("sources: a\n");
    }

    @Test
    void vectorNeverHealthyWithinTheSettleWindow_rollsBack() {
        pipelines.deploy(config(1, "global: a\n"));
        tick(Duration.ofSeconds(21));
        pipelines.deploy(config(2, "global: b\n"));
        vector.unhealthy.add("127.0.0.1:" + 41000);

        for (int i = 0; i < 21; i++) {
            tick(Duration.ofSeconds(1));
        }

        assertThat(view().version()).isEqualTo(1);
        assertThat(view().error()).contains("did not answer its health check within the settle window");
    }

    @Test
    void aFirstDeployThatStartsSlowly_staysStarting_andRunsOnceHealthy() {
        vector.unhealthy.add("127.0.0.1:" + 41000);
        pipelines.deploy(config(1, "sources: a\n"));
        for (int i = 0; i < 25; i++) {
            tick(Duration.ofSeconds(1));
        }
        assertThat(view().status()).isEqualTo("STARTING");
        assertThat(view().error()).contains("does not answer its health check");

        vector.unhealthy.clear();
        tick(Duration.ofSeconds(1));
        assertThat(view().status()).isEqualTo("RUNNING");
        assertThat(view().error()).isNull();
    }

    @Test
    void crashes_restartWithDoublingBackoff_thenCrashLoop_untilANewConfig() {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));

        long[] expectedDelays = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (long delay : expectedDelays) {
            vector.last().crash(101);
            tick(Duration.ofMillis(10));
            assertThat(view().status()).isEqualTo("CRASHED");
            int launchedBefore = vector.launched.size();
            tick(Duration.ofSeconds(delay).minusMillis(20));
            assertThat(vector.launched).as("no restart before %d s", delay).hasSize(launchedBefore);
            tick(Duration.ofMillis(20));
            assertThat(vector.launched).as("restart after %d s", delay).hasSize(launchedBefore + 1);
        }
        vector.last().crash(101);
        tick(Duration.ofMillis(10));
        int launched = vector.launched.size();
        tick(Duration.ofMinutes(5));

        assertThat(view().status()).isEqualTo("CRASH_LOOP");
        assertThat(view().error()).contains("exited with code 101");
        assertThat(vector.launched).hasSize(launched);

        pipelines.deploy(config(2, "sources: b\n"));
        tick(Duration.ofSeconds(1));
        assertThat(view().status()).isEqualTo("RUNNING");
    }

    @Test
    void aNewConfigAfterCrashLoop_isNeverRolledBackToTheCrashingOne() {
        pipelines.deploy(config(1, "global: a\n"));
        tick(Duration.ofSeconds(21));
        for (int crash = 1; crash <= SETTINGS.crashLoopAfter(); crash++) {
            vector.last().crash(137);
            tick(Duration.ofMillis(10));
            tick(Duration.ofSeconds(60));
        }
        assertThat(view().status()).isEqualTo("CRASH_LOOP");
        int launched = vector.launched.size();

        vector.unhealthy.add("127.0.0.1:" + 41000);
        pipelines.deploy(config(2, "global: b\n"));
        for (int i = 0; i < 25; i++) {
            tick(Duration.ofSeconds(1));
        }

        assertThat(view().version()).as("a slow start of the new config is waited for").isEqualTo(2);
        assertThat(view().status()).isEqualTo("STARTING");
        assertThat(vector.launched).hasSize(launched + 1);
        assertThat(vector.last().configAtLaunch).isEqualTo("global: b\n");
        vector.unhealthy.clear();
        tick(Duration.ofSeconds(1));
        assertThat(view().status()).isEqualTo("RUNNING");
    }

    @Test
    void aPortTakenByAnotherProcessWhileVectorWasDown_movesTheRestartToFreshPorts() throws IOException {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        String api = view().apiAddress();
        vector.last().crash(137);
        tick(Duration.ofMillis(10));

        try (ServerSocket neighbour = new ServerSocket(Integer.parseInt(api.substring(api.indexOf(':') + 1)), 1,
                InetAddress.getLoopbackAddress())) {
            tick(Duration.ofSeconds(1));

            assertThat(vector.launched).hasSize(2);
            assertThat(view().apiAddress()).isNotEqualTo(api);
            assertThat(Files.readString(dataDir.resolve("pipelines/p1/vf-sidecar.yaml"))).contains(view().apiAddress())
                    .contains(view().metricsAddress()).doesNotContain(api);
            assertThat(Files.readString(dataDir.resolve("pipelines/p1/agent-state.properties")))
                    .contains("apiPort=" + view().apiAddress().substring(view().apiAddress().indexOf(':') + 1));
            assertThat(pipelines.drainLogs().getFirst().lines()).anyMatch(l -> l.contains("another process listens on " + api));
            assertThat(neighbour.isBound()).isTrue();
        }
    }

    @Test
    void aProcessStableForAMinute_startsTheCrashCountAgain() {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        vector.last().crash(1);
        tick(Duration.ofMillis(10));
        tick(Duration.ofSeconds(1));
        vector.last().crash(1);
        tick(Duration.ofMillis(10));
        assertThat(pipelines.drainLogs().getFirst().lines()).anyMatch(l -> l.contains("restarting in 2000 ms (crash 2)"));
        tick(Duration.ofSeconds(2));

        // the crashes happened within 60 s of the (fake) process start, so they count; a long run resets
        for (int i = 0; i < 7; i++) {
            tick(Duration.ofSeconds(10));
        }
        vector.last().crash(1);
        tick(Duration.ofMillis(10));

        assertThat(pipelines.drainLogs().getFirst().lines()).anyMatch(l -> l.contains("restarting in 1000 ms (crash 1)"));
    }

    @Test
    void aNewAgent_adoptsTheRunningProcess_waitsForItsSecrets_andStopsWhatIsNoLongerWanted() {
        pipelines.deploy(config(1, "sources: a\n"));
        PipelineConfig other = new PipelineConfig("p2", "other", 1, "p2-1", null, "sources: x\n", Map.of(), List.of());
        pipelines.deploy(other);
        tick(Duration.ofSeconds(21));
        long pid = vector.launched.getFirst().pid;

        Pipelines restarted = newPipelines();
        assertThat(restarted.recover()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        restarted.supervise();
        assertThat(restarted.views()).extracting(PipelineView::pid).contains(pid);
        assertThat(vector.launched).hasSize(2);

        SecretVault fresh = vault;
        fresh.remove("p1");
        restarted.provide(new DesiredState(List.of(config(1, "sources: a\n")), 0));

        assertThat(vault.lookup("p1", List.of("token"))).containsEntry("token", Optional.of("v1"));
        assertThat(restarted.views()).extracting(PipelineView::pipelineId).containsExactly("p1");
        assertThat(vector.launched.get(1).isAlive()).isFalse();
        assertThat(vector.launched.getFirst().isAlive()).isTrue();
        assertThat(vector.launched).hasSize(2);
    }

    @Test
    void aReloadWhoseOutcomeVectorDidNotLogYet_isNotAwaitedByTheProcessARestartStarts() {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        vector.silentReloads = true;
        pipelines.deploy(config(2, "sources: b\n"));
        pipelines.deploy(config(3, "global: timezone UTC\nsources: b\n"));
        assertThat(vector.launched).hasSize(2);

        tick(Duration.ofSeconds(1));

        assertThat(view().status()).as("the new process loaded version 3 at start").isEqualTo("RUNNING");
        assertThat(view().version()).isEqualTo(3);
    }

    @Test
    void aReloadVectorLogsNoOutcomeOf_countsAsRunningOnceTheSettleWindowPassesWithoutError() {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        vector.silentReloads = true;
        pipelines.deploy(config(2, "sources: b\n"));
        tick(Duration.ofSeconds(1));
        assertThat(view().status()).isEqualTo("STARTING");

        tick(Duration.ofSeconds(20));

        assertThat(view().status()).isEqualTo("RUNNING");
        assertThat(view().version()).isEqualTo(2);
        assertThat(pipelines.drainLogs().getFirst().lines()).anyMatch(l -> l.contains("logged no outcome of the reload to version 2"));
    }

    @Test
    void twoReloadsInARow_theFirstOnesSuccessDoesNotHideTheRefusalOfTheSecond() {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        pipelines.deploy(config(2, "sources: b\n"));
        pipelines.deploy(config(3, "sources: c REFUSE_RELOAD\n"));

        tick(Duration.ofSeconds(1));

        assertThat(view().version()).as("version 3 does not run").isNotEqualTo(3);
        assertThat(pipelines.refusal("p1", "sum-3")).hasValueSatisfying(why -> assertThat(why).contains("Vector refused to reload version 3"));
    }

    @Test
    void theLogFollowsThePipelineAcrossARestart_theStoppedProcessesLastLinesAreDelivered() {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        pipelines.drainLogs();

        pipelines.deploy(config(2, "global: timezone UTC\nsources: a\n"));
        tick(Duration.ofSeconds(1));

        assertThat(pipelines.drainLogs().getFirst().lines()).containsSubsequence(
                "[vectorflow-agent] a global option changed: restarting Vector for version 2", "INFO vector: Vector has stopped.");
    }

    @Test
    void aNewAgent_readsTheLogFromWhereThePreviousOneStopped() {
        pipelines.deploy(config(1, "sources: a\n"));
        vector.last().output.add("INFO vector: Vector has started.");
        tick(Duration.ofSeconds(21));
        long read = vector.tails.getLast().offset();
        assertThat(read).isPositive();
        pipelines.close(false);

        Pipelines restarted = newPipelines();
        restarted.recover();

        assertThat(vector.tails.getLast().offset()).as("the new tail starts where the old one was").isEqualTo(read);
    }
}
