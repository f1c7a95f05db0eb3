package dev.vectorflow.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deploying, refusing, undeploying and restarting pipelines. */
class PipelineDeployerTest extends PipelinesFixture {

    @Test
    void aDeploy_startsVector_runningWhenHealthy_andSettlesAfterTheWindow() throws IOException {
        Outcome outcome = pipelines.deploy(config(1, "sources: a\n"));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(view().status()).isEqualTo("STARTING");
        assertThat(vector.launched).hasSize(1);
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/pipeline.yaml"))).isEqualTo("sources: a\n");
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/vf-sidecar.yaml"))).contains("secrets=[agent, secrets, --pipeline, p1]");
        assertThat(vault.lookup("p1", List.of("token"))).containsEntry("token", Optional.of("v1"));
        tick(Duration.ofSeconds(1));
        assertThat(view().status()).isEqualTo("RUNNING");
        assertThat(view().pid()).isEqualTo(vector.last().pid);
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/vector.pid")).strip()).isEqualTo(Long.toString(vector.last().pid));
        assertThat(changes.get()).isPositive();
    }

    @Test
    void aComponentChange_reloadsTheSameProcess_aGlobalChange_restartsIt() {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        FakeVector.FakeProcess first = vector.last();

        pipelines.deploy(config(2, "sources: b\n"));
        assertThat(first.reloads).isEqualTo(1);
        assertThat(first.configAtReload).isEqualTo("sources: b\n");
        assertThat(view().status()).as("until Vector says it reloaded").isEqualTo("STARTING");
        tick(Duration.ofSeconds(1));
        assertThat(view().status()).isEqualTo("RUNNING");
        assertThat(vector.launched).hasSize(1);

        pipelines.deploy(config(3, "global: timezone UTC\nsources: b\n"));
        assertThat(first.isAlive()).isFalse();
        assertThat(vector.launched).hasSize(2);
        assertThat(vector.last().configAtLaunch).startsWith("global: timezone UTC");
    }

    @Test
    void anInvalidConfig_isRefused_theOldOneKeepsRunning_andTheChecksumIsNeverValidatedAgain() throws IOException {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        int validations = vector.validated.size();

        Outcome refused = pipelines.deploy(config(2, "sources: INVALID\n"));
        Outcome again = pipelines.deploy(config(2, "sources: INVALID\n"));

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.message()).contains("unknown source type `INVALID`");
        assertThat(again.message()).contains("not retried");
        assertThat(vector.validated).hasSize(validations + 1);
        assertThat(pipelines.refusal("p1", "sum-2")).isPresent();
        assertThat(view().status()).isEqualTo("FAILED");
        assertThat(view().version()).isEqualTo(1);
        assertThat(view().error()).contains("INVALID");
        assertThat(vector.last().isAlive()).isTrue();
        assertThat(vector.last().reloads).isZero();
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/pipeline.yaml"))).isEqualTo("sources: a\n");
        assertThat(dataDir.resolve("pipelines/p1/pipeline.next.yaml")).doesNotExist();

        Outcome next = pipelines.deploy(config(3, "sources: c\n"));
        assertThat(next.succeeded()).isTrue();
        tick(Duration.ofSeconds(1));
        assertThat(view().status()).as("a different checksum clears FAILED").isEqualTo("RUNNING");
    }

    @Test
    void aConfigThatCannotBeWritten_isReported_andTheOldConfigKeepsRunning() throws IOException {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        // a non-empty directory where the candidate file must go: the write fails even for root
        Path blocker = dataDir.resolve("pipelines/p1/pipeline.next.yaml");
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("x"), "x");

        Outcome outcome = pipelines.deploy(config(2, "sources: b\n"));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.message()).contains("cannot write the config of version 2");
        assertThat(view().status()).isEqualTo("FAILED");
        assertThat(view().version()).isEqualTo(1);
        assertThat(vector.last().isAlive()).isTrue();
        assertThat(vector.last().reloads).isZero();
        assertThat(pipelines.refusal("p1", "sum-2")).as("a disk problem is retried").isEmpty();
    }

    @Test
    void theSameConfigUnderANewVersionNumber_isReportedWithThatNumber_withoutTouchingVector() throws IOException {
        pipelines.deploy(config(1, "sources: a\n"));
        tick(Duration.ofSeconds(21));
        PipelineConfig rollback = new PipelineConfig("p1", "edge", 3, "sum-1", "info", "sources: a\n", Map.of("token", "v1"), List.of());

        Outcome outcome = pipelines.deploy(rollback);

        assertThat(outcome.message()).contains("version 3 already runs");
        assertThat(view().version()).isEqualTo(3);
        assertThat(vector.last().reloads).isZero();
        assertThat(Files.readString(dataDir.resolve("pipelines/p1/agent-state.properties"))).contains("version=3");
    }

    @Test
    void anUndeploy_stopsVector_removesItsFilesAndSecrets_andFreesItsPorts() {
        pipelines.deploy(config(1, "sources: a\n"));
        String api = view().apiAddress();
        FakeVector.FakeProcess process = vector.last();

        Outcome outcome = pipelines.undeploy("p1");

        assertThat(outcome.message()).isEqualTo("stopped and removed");
        assertThat(process.isAlive()).isFalse();
        assertThat(pipelines.views()).isEmpty();
        assertThat(dataDir.resolve("pipelines/p1")).doesNotExist();
        assertThat(vault.knows("p1")).isFalse();
        assertThat(pipelines.undeploy("p1").message()).isEqualTo("pipeline p1 does not run here");
        pipelines.deploy(new PipelineConfig("p2", "other", 1, "p2-1", null, "sources: x\n", Map.of(), List.of()));
        assertThat(view().apiAddress()).as("the freed port is handed out again").isEqualTo(api);
    }

    @Test
    void aRestart_startsANewProcess_andEndsCrashLoop() {
        pipelines.deploy(config(1, "sources: a\n"));
        for (int crash = 1; crash <= SETTINGS.crashLoopAfter(); crash++) {
            vector.last().crash(1);
            tick(Duration.ofMillis(10));
            tick(Duration.ofSeconds(60));
        }
        assertThat(view().status()).isEqualTo("CRASH_LOOP");
        int launched = vector.launches();

        Outcome outcome = pipelines.restart("p1");
        tick(Duration.ofSeconds(1));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(vector.launches()).isEqualTo(launched + 1);
        assertThat(view().status()).isEqualTo("RUNNING");
        assertThat(view().pid()).isEqualTo(vector.last().pid);
    }

    @Test
    void aRestartOfAPipelineThatDoesNotRunHere_fails() {
        Outcome outcome = pipelines.restart("p9");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.message()).isEqualTo("pipeline p9 does not run here");
        assertThat(vector.launches()).isZero();
    }
}
