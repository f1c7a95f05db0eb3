package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PipelineLogs;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import dev.vectorflow.ports.out.vector.runtime.VectorTelemetry;
import java.nio.file.Path;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipelines of this node, one Vector each: deployed by the {@link PipelineDeployer}, kept running by the
 * {@link PipelineSupervisor}, remembered for the next agent by the {@link PipelineStateStore}. Thread-safe: one lock.
 */
public final class Pipelines {

    private final PipelineSettings settings;
    private final Clock clock;
    private final Map<String, ManagedPipeline> byId = new LinkedHashMap<>();
    private final PipelineStateStore store;
    private final PipelineDeployer deployer;
    private final PipelineSupervisor supervisor;
    private final PreviewRunner previews;

    /** {@code onChange} runs (under the lock) whenever what the agent reports changed. */
    public Pipelines(PipelineSettings settings, VectorProcesses vector, VectorTelemetry telemetry, VectorConfigRules rules,
                     SecretVault vault, Path dataDirectory, Clock clock, Runnable onChange) {
        this.settings = settings;
        this.clock = clock;
        this.store = new PipelineStateStore(dataDirectory, clock);
        VectorLauncher launcher = new VectorLauncher(settings, vector, rules, clock);
        this.deployer = new PipelineDeployer(byId, vector, rules, vault, store, launcher, clock, onChange);
        this.supervisor = new PipelineSupervisor(settings, telemetry, vault, store, launcher, clock, onChange);
        this.previews = new PreviewRunner(vector, rules, vault, dataDirectory.resolve("previews"), settings.secretCommand(), PREVIEW_TIME_LIMIT);
    }

    /** How long one run of a preview may take before its Vector is stopped. */
    public static final Duration PREVIEW_TIME_LIMIT = Duration.ofSeconds(60);

    /** Runs a preview's two configs on the sample events, each in a throwaway Vector (outside the lock: it takes a while). */
    public PreviewResult preview(PreviewJob job) {
        return previews.run(job);
    }

    /** Takes over the pipelines an earlier agent left on disk; returns how many of their Vector processes still ran. */
    public synchronized int recover() {
        int adopted = 0;
        for (PipelineStateStore.Saved saved : store.load()) {
            ManagedPipeline p = supervisor.adopt(saved);
            byId.put(p.id, p);
            if (p.process != null) {
                adopted++;
            }
        }
        return adopted;
    }

    /** The whole desired state (after a restart): deploys what is missing or different, stops what is not wanted. */
    public synchronized Map<String, Outcome> provide(DesiredState desired) {
        return deployer.provide(desired);
    }

    public synchronized Outcome deploy(PipelineConfig config) {
        return deployer.deploy(config);
    }

    /** Why this checksum was refused for this pipeline, if it was (then it is not fetched nor tried again). */
    public synchronized Optional<String> refusal(String pipelineId, String checksum) {
        return deployer.refusal(pipelineId, checksum);
    }

    public synchronized Outcome undeploy(String pipelineId) {
        return deployer.undeploy(pipelineId);
    }

    public synchronized Outcome restart(String pipelineId) {
        return deployer.restart(pipelineId);
    }

    /** One look at every pipeline: output, exits, restarts, health, settle windows. */
    public synchronized void supervise() {
        byId.values().forEach(supervisor::supervise);
    }

    public synchronized List<PipelineView> views() {
        Instant now = clock.instant();
        List<PipelineView> out = new ArrayList<>();
        for (ManagedPipeline p : byId.values()) {
            out.add(PipelineStatus.view(p, now));
        }
        return out;
    }

    /** New output lines of every pipeline since the last call (oldest first); lines dropped on the way are said so. */
    public synchronized List<PipelineLogs> drainLogs() {
        List<PipelineLogs> out = new ArrayList<>();
        for (ManagedPipeline p : byId.values()) {
            PipelineLogs logs = p.drainLogs();
            if (logs != null) {
                out.add(logs);
            }
        }
        return out;
    }

    /** Stops supervising; with {@code stopPipelines} false the Vector processes keep running for the next agent to adopt. */
    public synchronized void close(boolean stopPipelines) {
        if (stopPipelines) {
            byId.values().stream().filter(p -> p.process != null).forEach(p -> p.process.stop(settings.stopGrace()));
        }
        byId.values().forEach(store::saveLogOffset);
    }
}
