package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.fake.SettableClock;
import dev.vectorflow.ports.protocol.PipelineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link Pipelines} on the in-memory Vector fakes with a hand-moved clock: no process, no waiting. */
abstract class PipelinesFixture {

    static final PipelineSettings SETTINGS = new PipelineSettings(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(10), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), Duration.ofSeconds(60),
            10, 41000, 200, List.of("agent", "secrets"));

    @TempDir
    Path dataDir;
    final FakeVector vector = new FakeVector();
    final SettableClock clock = new SettableClock(Instant.parse("2026-11-27T12:00:00Z"));
    final SecretVault vault = new SecretVault();
    final AtomicInteger changes = new AtomicInteger();
    Pipelines pipelines;

    @BeforeEach
    void create() {
        pipelines = newPipelines();
    }

    /** Another agent on the same data directory, Vector and vault (as after an agent restart). */
    Pipelines newPipelines() {
        return new Pipelines(SETTINGS, vector, vector, vector, vault, dataDir, clock, changes::incrementAndGet);
    }

    static PipelineConfig config(int version, String yaml) {
        return new PipelineConfig("p1", "edge", version, "sum-" + version, "info", yaml, Map.of("token", "v" + version), List.of());
    }

    PipelineView view() {
        return pipelines.views().getFirst();
    }

    void tick(Duration d) {
        clock.advance(d);
        pipelines.supervise();
    }
}
