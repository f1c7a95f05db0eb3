package dev.vectorflow.agent.pipeline;

import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorLaunch;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, adopts and stops one pipeline's Vector on loopback ports of its own, named in the pipeline's sidecar.
 * A launch that fails counts as a crash.
 */
final class VectorLauncher {

    private final PipelineSettings settings;
    private final VectorProcesses vector;
    private final VectorConfigRules rules;
    private final PortPool ports;
    private final Clock clock;

    VectorLauncher(PipelineSettings settings, VectorProcesses vector, VectorConfigRules rules, Clock clock) {
        this.settings = settings;
        this.vector = vector;
        this.rules = rules;
        this.clock = clock;
        this.ports = new PortPool(settings.firstPort(), settings.portCount());
    }

    /** A pipeline new to this node: two free ports, its log followed from its end. */
    ManagedPipeline create(String id, PipelineFiles files) {
        ManagedPipeline p = new ManagedPipeline(id, files, ports.take(), ports.take());
        p.output = vector.tail(files.log(), VectorProcesses.FROM_END);
        return p;
    }

    /**
     * A pipeline an earlier agent left: its ports, its log from where that agent stopped reading (what Vector wrote
     * while no agent ran is delivered too), and its Vector when the saved pid still runs this pipeline's command line.
     */
    ManagedPipeline restore(PipelineStateStore.Saved saved) {
        ports.claim(saved.apiPort());
        ports.claim(saved.metricsPort());
        ManagedPipeline p = new ManagedPipeline(saved.running().pipelineId(), saved.files(), saved.apiPort(), saved.metricsPort());
        p.output = vector.tail(saved.files().log(), saved.logOffset());
        p.savedLogOffset = saved.logOffset();
        p.running = saved.running();
        Optional<VectorProcess> process = saved.pid() > 0 ? vector.adopt(saved.pid(), launchOf(p)) : Optional.empty();
        if (process.isPresent()) {
            p.process = process.get();
            p.processStartedAt = process.get().startedAt();
        }
        return p;
    }

    /** Starts Vector with the pipeline's config; false (and a crash counted, with its restart time) when it could not. */
    boolean launch(ManagedPipeline p) {
        try {
            movePortsIfTaken(p);
            p.process = vector.launch(launchOf(p));
            p.processStartedAt = clock.instant();
            p.healthy = false;
            p.reloadsAwaited = 0; // a new process loads its config at start: no reload of an earlier one is awaited
            p.crashError = null;
            return true;
        } catch (VectorFailure e) {
            p.process = null;
            p.crashError = e.getMessage();
            p.fastCrashes++;
            p.restartAt = p.fastCrashes >= settings.crashLoopAfter() ? null : clock.instant().plus(settings.crashBackoff().delay(p.fastCrashes));
            p.crashLoop = p.restartAt == null;
            p.log("[vectorflow-agent] " + e.getMessage());
            return false;
        }
    }

    /** SIGTERM, SIGKILL after the grace; the pipeline then has no process. */
    void stop(ManagedPipeline p) {
        if (p.process != null) {
            p.process.stop(settings.stopGrace());
            p.process = null;
        }
    }

    /** The pipeline left this node: its ports go back to the pool. */
    void release(ManagedPipeline p) {
        ports.release(p.apiPort);
        ports.release(p.metricsPort);
    }

    /** The agent's own part of the config: data directory, API and metrics on the pipeline's ports, the secret backend. */
    String sidecar(ManagedPipeline p) {
        List<String> command = new ArrayList<>(settings.secretCommand());
        if (!command.isEmpty()) {
            command.add("--pipeline");
            command.add(p.id);
        }
        return rules.sidecar(p.files.dataDir().toString(), p.apiAddress(), p.metricsAddress(), command);
    }

    /**
     * While Vector was down another process may have bound one of its ports: then Vector could not start, and the
     * health checks and scrapes would reach the neighbour. So a pipeline whose port is taken moves to fresh ones.
     */
    private void movePortsIfTaken(ManagedPipeline p) throws VectorFailure {
        if (PortPool.free(p.apiPort) && PortPool.free(p.metricsPort)) {
            return;
        }
        int api;
        int metrics;
        try {
            api = ports.take();
            metrics = ports.take();
        } catch (IllegalStateException e) {
            throw new VectorFailure(e.getMessage(), e);
        }
        String before = p.apiAddress() + " and " + p.metricsAddress();
        release(p);
        p.apiPort = api;
        p.metricsPort = metrics;
        try {
            p.files.writeSidecar(sidecar(p));
        } catch (IOException e) {
            throw new VectorFailure("cannot write " + p.files.sidecar() + " with new ports: " + e.getMessage(), e);
        }
        p.log("[vectorflow-agent] another process listens on " + before + ": Vector moves to " + p.apiAddress() + " and "
                + p.metricsAddress());
    }

    private static VectorLaunch launchOf(ManagedPipeline p) {
        Map<String, String> env = new LinkedHashMap<>();
        String level = p.running == null || p.running.logLevel() == null || p.running.logLevel().isBlank() ? "info" : p.running.logLevel();
        env.put("VECTOR_LOG", level);
        return new VectorLaunch(p.files.root(), List.of(p.files.config(), p.files.sidecar()), p.files.log(), env);
    }
}
