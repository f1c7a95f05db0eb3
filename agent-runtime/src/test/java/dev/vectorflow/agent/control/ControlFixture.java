package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.Backoff;
import dev.vectorflow.agent.pipeline.FakeVector;
import dev.vectorflow.agent.pipeline.PipelineSettings;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.pipeline.SecretVault;
import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.agent.port.NodeTokenStore;
import dev.vectorflow.ports.protocol.PendingAction;
import dev.vectorflow.ports.protocol.PipelineConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The pieces of the control loop around a scripted control plane, real {@link Pipelines} on the in-memory Vector
 * fakes, a token store and an updater in memory; pacing shortened to milliseconds.
 */
final class ControlFixture implements AutoCloseable {

    static final ControlSettings SETTINGS = new ControlSettings("1.2.3", "node-1", "linux/amd64", "STANDALONE", Map.of("role", "edge"),
            Optional.of("vf_enroll_test"), Duration.ofMillis(1), Duration.ZERO, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)),
            Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final PipelineSettings PIPELINES = new PipelineSettings(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(10), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), Duration.ofSeconds(60),
            10, 42000, 200, List.of());

    final StubControlPlane server = new StubControlPlane();
    final MemoryTokens tokens = new MemoryTokens();
    final StubUpdater updater = new StubUpdater();
    final FakeVector vector = new FakeVector();
    final Pipelines pipelines;
    final TelemetryBuffer buffer = new TelemetryBuffer(100, 10, 10);
    final ExecutorService workers = Executors.newSingleThreadExecutor();
    final List<String> restartsForUpdate = new ArrayList<>();
    final ServerSession session;
    final ActionDispatcher dispatcher;
    final HeartbeatCycle cycle;

    ControlFixture(ControlSettings settings, Path dataDir) {
        pipelines = new Pipelines(PIPELINES, vector, vector, vector, new SecretVault(), dataDir, Clock.systemUTC(), () -> { });
        session = new ServerSession(settings, server, tokens, Clock.systemUTC(), new SplittableRandom(7));
        dispatcher = new ActionDispatcher(settings, session, pipelines, vector, updater, buffer, workers, restartsForUpdate::add);
        HeartbeatReporter reporter = new HeartbeatReporter(settings, () -> null, pipelines, vector, workers, buffer,
                () -> "vector 0.57.0", dispatcher::updateError);
        cycle = new HeartbeatCycle(session, reporter, dispatcher, pipelines, updater, Clock.systemUTC());
    }

    ControlFixture(Path dataDir) {
        this(SETTINGS, dataDir);
    }

    static PipelineConfig config(String id, int version, String yaml) {
        return new PipelineConfig(id, "pipeline " + id, version, id + "-sum-" + version, "info", yaml, Map.of(), List.of());
    }

    @Override
    public void close() {
        workers.shutdownNow();
        pipelines.close(true);
    }

    /** A node token store in memory. */
    static final class MemoryTokens implements NodeTokenStore {
        Optional<String> token = Optional.empty();
        boolean rejected;

        @Override
        public Optional<String> load() {
            return token;
        }

        @Override
        public void save(String nodeToken) {
            token = Optional.of(nodeToken);
        }

        @Override
        public void reject() {
            token = Optional.empty();
            rejected = true;
        }
    }

    /** An updater that installs or refuses as told and counts the calls. */
    static final class StubUpdater implements AgentUpdater {
        Optional<RolledBack> rolledBack = Optional.empty();
        Result result = new Result.Refused("no VF_UPDATE_PUBLIC_KEY");
        final List<PendingAction> installs = new ArrayList<>();
        int heartbeatsAnswered;

        @Override
        public Result install(PendingAction update) {
            installs.add(update);
            return result;
        }

        @Override
        public Optional<RolledBack> rolledBack() {
            return rolledBack;
        }

        @Override
        public void heartbeatAnswered() {
            heartbeatsAnswered++;
        }
    }
}
