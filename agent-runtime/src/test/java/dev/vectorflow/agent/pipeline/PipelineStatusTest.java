package dev.vectorflow.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The reported status follows from the pipeline's state alone. */
class PipelineStatusTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final ManagedPipeline p = new ManagedPipeline("p1", new PipelineFiles(Path.of("/nonexistent"), "p1"), 18600, 18601);
    private final RunningVector vector = new RunningVector();

    PipelineStatusTest() {
        p.running = new PipelineConfig("p1", "edge", 3, "sum-3", "info", "sources: a\n", Map.of(), List.of());
    }

    private PipelineView view() {
        return PipelineStatus.view(p, NOW);
    }

    private void runs(boolean healthy) {
        p.process = vector;
        p.processStartedAt = NOW.minusSeconds(90);
        p.healthy = healthy;
    }

    @Test
    void aHealthyVector_isRunning_withItsPidUptimeAndAddresses() {
        runs(true);

        assertThat(view()).isEqualTo(new PipelineView("p1", 3, "sum-3", "RUNNING", 4242L, 90L, null, "127.0.0.1:18600", "127.0.0.1:18601"));
    }

    @Test
    void aVectorNotHealthyYet_orWithAReloadAwaited_isStarting() {
        runs(false);
        assertThat(view().status()).isEqualTo("STARTING");
        assertThat(view().error()).isNull();

        p.healthy = true;
        p.reloadsAwaited = 1;
        assertThat(view().status()).isEqualTo("STARTING");
    }

    @Test
    void aVectorThatMissedThreeHealthChecks_isStarting_andSaysItDoesNotAnswer() {
        runs(false);
        p.failedHealthChecks = 3;

        assertThat(view().status()).isEqualTo("STARTING");
        assertThat(view().error()).isEqualTo("Vector (pid 4242) does not answer its health check on 127.0.0.1:18600");
    }

    @Test
    void aRefusedConfig_isFailed_whileThePreviousVersionRuns() {
        runs(true);
        p.deployError = "vector validate refused version 4";

        assertThat(view().status()).isEqualTo("FAILED");
        assertThat(view().error()).isEqualTo("vector validate refused version 4");
        assertThat(view().pid()).isEqualTo(4242L);
    }

    @Test
    void aCrashWithARestartAhead_isCrashed_andCrashLoopOutranksAll_withoutPidOrAddresses() {
        p.deployError = "an older refusal";
        p.crashError = "Vector (pid 4242) exited with code 101";
        p.restartAt = NOW.plusSeconds(2);
        assertThat(view().status()).isEqualTo("CRASHED");
        assertThat(view().error()).isEqualTo(p.crashError);

        p.crashLoop = true;
        p.restartAt = null;
        assertThat(view()).isEqualTo(new PipelineView("p1", 3, "sum-3", "CRASH_LOOP", null, null, p.crashError, null, null));
    }

    @Test
    void noProcessAndNoRestartAhead_isStopped() {
        assertThat(view().status()).isEqualTo("STOPPED");

        runs(true);
        vector.alive = false;
        assertThat(view().status()).isEqualTo("STOPPED");
        assertThat(view().uptimeSeconds()).isNull();
    }

    /** A process that is alive until told otherwise. */
    private static final class RunningVector implements VectorProcess {
        boolean alive = true;

        @Override
        public long pid() {
            return 4242;
        }

        @Override
        public Instant startedAt() {
            return NOW.minus(Duration.ofSeconds(90));
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public OptionalInt exitCode() {
            return alive ? OptionalInt.empty() : OptionalInt.of(0);
        }

        @Override
        public void reload() {
        }

        @Override
        public void stop(Duration grace) {
            alive = false;
        }
    }
}
